/** The field id (made from its Chinese name): editable until the field is published; renamed on blur or Enter when valid. */
import { useEffect, useState } from 'react';
import { Form, Input } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NS } from '../../i18n';
import { useDesigner } from '../../hooks/designerContext';
import { fieldIdProblem } from '../../model/ids';

export default function FieldIdInput({ id }: { id: string }) {
  const { t } = useTranslation(NS);
  const { state, dispatch } = useDesigner();
  const [text, setText] = useState(id);
  useEffect(() => setText(id), [id]);
  const locked = state.published.includes(id);
  const others = state.def.fields.filter((f) => f.id !== id).map((f) => f.id);
  const problem = text === id ? null : fieldIdProblem(text, others);

  const commit = () => {
    if (text === id) return;
    if (problem) {
      setText(id);
      return;
    }
    dispatch({ type: 'renameField', id, to: text });
  };

  return (
    <Form.Item
      label={t('props.id')}
      extra={t('words.fieldIdHelp')}
      validateStatus={problem ? 'error' : undefined}
      help={problem ? t(`props.idErrors.${problem}`) : undefined}
      style={{ marginBottom: 12 }}
    >
      <Input
        value={text}
        disabled={locked}
        prefix={locked ? <LockOutlined /> : undefined}
        onChange={(e) => setText(e.target.value.trim())}
        onBlur={commit}
        onPressEnter={commit}
        data-testid="prop-id"
        spellCheck={false}
      />
    </Form.Item>
  );
}
