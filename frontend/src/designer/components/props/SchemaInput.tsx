/** One input for one key of a field type's config schema, chosen by the key's JSON Schema. */
import { useEffect, useState } from 'react';
import { Input, InputNumber, Select, Switch } from 'antd';
import type { JsonSchema } from '../../model/types';

interface Props {
  schema: JsonSchema;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Labels of enum values, by value. */
  enumLabel?: (value: string) => string;
  testId?: string;
  /** Called with an error text (or null) when the value typed breaks the schema. */
  onProblem?: (problem: string | null) => void;
}

function regexError(text: string): string | null {
  try {
    new RegExp(text);
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** JSON text edited freely, parsed (never evaluated) when the input loses focus. */
function JsonInput({ value, onChange, testId, onProblem }: Omit<Props, 'schema'>) {
  const [text, setText] = useState(value === undefined ? '' : JSON.stringify(value, null, 2));
  useEffect(() => setText(value === undefined ? '' : JSON.stringify(value, null, 2)), [value]);
  return (
    <Input.TextArea
      value={text}
      autoSize={{ minRows: 2, maxRows: 8 }}
      onChange={(e) => setText(e.target.value)}
      onBlur={() => {
        if (!text.trim()) {
          onProblem?.(null);
          onChange(undefined);
          return;
        }
        try {
          onChange(JSON.parse(text));
          onProblem?.(null);
        } catch (err) {
          onProblem?.(err instanceof Error ? err.message : 'JSON');
        }
      }}
      style={{ fontFamily: 'monospace' }}
      data-testid={testId}
    />
  );
}

export default function SchemaInput({ schema, value, onChange, enumLabel, testId, onProblem }: Props) {
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  const placeholder = schema.default !== undefined ? String(schema.default) : undefined;
  if (schema.enum) {
    return (
      <Select
        allowClear
        value={value as string | undefined}
        placeholder={placeholder && enumLabel ? enumLabel(placeholder) : placeholder}
        onChange={(v) => onChange(v ?? undefined)}
        options={schema.enum.map((v) => ({ value: String(v), label: enumLabel ? enumLabel(String(v)) : String(v) }))}
        data-testid={testId}
      />
    );
  }
  if (type === 'integer' || type === 'number') {
    const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum : undefined);
    return (
      <InputNumber
        style={{ width: '100%' }}
        value={typeof value === 'number' ? value : null}
        min={min}
        max={schema.maximum}
        precision={type === 'integer' ? 0 : undefined}
        placeholder={placeholder}
        onChange={(v) => onChange(v === null ? undefined : v)}
        data-testid={testId}
      />
    );
  }
  if (type === 'boolean') {
    return <Switch checked={value === true} onChange={(v) => onChange(v || undefined)} data-testid={testId} />;
  }
  if (type === 'string') {
    const text = typeof value === 'string' ? value : '';
    const bad =
      (schema.format === 'regex' && text && regexError(text)) ||
      (schema.pattern && text && !new RegExp(schema.pattern).test(text) ? schema.pattern : null);
    return (
      <Input
        value={text}
        placeholder={placeholder}
        status={bad ? 'error' : undefined}
        onChange={(e) => {
          const next = e.target.value;
          onChange(next === '' ? undefined : next);
          if (schema.format === 'regex') onProblem?.(next ? regexError(next) : null);
        }}
        spellCheck={false}
        data-testid={testId}
      />
    );
  }
  if (type === 'array' && schema.items && (schema.items.type === 'string' || schema.items.type === undefined)) {
    return (
      <Select
        mode="tags"
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={(v: string[]) => onChange(v.length ? v : undefined)}
        tokenSeparators={[',', ' ', ',']}
        open={false}
        data-testid={testId}
      />
    );
  }
  return <JsonInput value={value} onChange={onChange} testId={testId} onProblem={onProblem} />;
}
