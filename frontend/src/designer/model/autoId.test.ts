import { describe, expect, it } from 'vitest';
import { FIELD_ID_MAX, FORM_ID_MAX, fieldIdFromLabel, formIdFromName, isReserved, optionKeyFromLabel, slug } from './autoId';
import { keyedOptions, sampleOptions } from './defaults';
import { FIELD_ID_PATTERN, FORM_ID_PATTERN, fieldIdProblem } from './ids';

describe('ids from Chinese names', () => {
  it('writes a Chinese name in pinyin, lower snake_case', () => {
    expect(fieldIdFromLabel('手机号', [])).toBe('shou_ji_hao');
    expect(formIdFromName('客户回访记录', [])).toBe('ke_hu_hui_fang_ji_lu');
    expect(fieldIdFromLabel('  回访 日期 ', [])).toBe('hui_fang_ri_qi');
  });

  it('reads a character by its context (长期 is chang, 长大 is zhang)', () => {
    expect(slug('长期')).toBe('chang_qi');
    expect(slug('长大')).toBe('zhang_da');
  });

  it('keeps letters and digits of mixed names, drops punctuation', () => {
    expect(fieldIdFromLabel('VIP等级', [])).toBe('vip_deng_ji');
    expect(fieldIdFromLabel('E-mail 地址!', [])).toBe('e_mail_di_zhi');
    expect(fieldIdFromLabel('Customer Name', [])).toBe('customer_name');
    expect(fieldIdFromLabel('女性', [])).toBe('nv_xing');
  });

  it('starts with a letter when the name starts with a digit, and has a name when the name gives none', () => {
    expect(fieldIdFromLabel('2024年目标', [])).toBe('field_2024_nian_mu_biao');
    expect(formIdFromName('3月活动', [])).toBe('form_3_yue_huo_dong');
    expect(fieldIdFromLabel('!!!', [])).toBe('field');
    expect(fieldIdFromLabel('', ['field'])).toBe('field_2');
  });

  it('is unique within the form: _2, _3 …', () => {
    expect(fieldIdFromLabel('备注', ['bei_zhu'])).toBe('bei_zhu_2');
    expect(fieldIdFromLabel('备注', ['bei_zhu', 'bei_zhu_2'])).toBe('bei_zhu_3');
    expect(formIdFromName('客户', ['ke_hu'])).toBe('ke_hu_2');
  });

  it('never takes a system field name or a reserved word', () => {
    expect(fieldIdFromLabel('ID', [])).toBe('id_2');
    expect(fieldIdFromLabel('Version', [])).toBe('version_2');
    expect(fieldIdFromLabel('created at', [])).toBe('created_at_2');
    expect(fieldIdFromLabel('Order', [])).toBe('order_2');
    expect(isReserved('user')).toBe(true);
    expect(isReserved('yong_hu')).toBe(false);
  });

  it('stays within the length limit, cut at a word, the suffix included', () => {
    const long = '这是一个非常非常长的字段名称用来测试长度限制是否生效';
    const id = fieldIdFromLabel(long, []);
    expect(id.length).toBeLessThanOrEqual(FIELD_ID_MAX);
    expect(id).toMatch(FIELD_ID_PATTERN);
    expect(id.endsWith('_')).toBe(false);
    const second = fieldIdFromLabel(long, [id]);
    expect(second).not.toBe(id);
    expect(second.length).toBeLessThanOrEqual(FIELD_ID_MAX);
    expect(second).toMatch(/_2$/);
    const form = formIdFromName(long, []);
    expect(form.length).toBeLessThanOrEqual(FORM_ID_MAX);
    expect(form).toMatch(FORM_ID_PATTERN);
  });

  it('always gives an id the server accepts', () => {
    const names = ['手机号', '2号', '__x__', 'ÉTÉ', '∑', '客户经理(主)', 'a'.repeat(80), '1'.repeat(50)];
    const taken: string[] = [];
    for (const name of names) {
      const id = fieldIdFromLabel(name, taken);
      expect(fieldIdProblem(id, taken), `${name} → ${id}`).toBeNull();
      taken.push(id);
    }
  });
});

describe('option keys', () => {
  it('come from the option names, unique, opt_n when a name gives none', () => {
    expect(keyedOptions([{ value: '', label: { zh: '电话' } }, { value: '', label: { zh: '上门' } }, { value: '', label: { zh: '电话' } }])
      .map((o) => o.value)).toEqual(['dian_hua', 'shang_men', 'dian_hua_2']);
    expect(optionKeyFromLabel('', ['opt_1'], 1)).toBe('opt_2');
    expect(optionKeyFromLabel('???', [], 3)).toBe('opt_3');
    expect(optionKeyFromLabel('1号线', [], 1)).toBe('opt_1_hao_xian');
  });

  it('follow a renamed option and keep everything else', () => {
    const before = [{ value: 'dian_hua', label: { zh: '电话' }, color: 'blue' }];
    const after = keyedOptions([{ ...before[0], label: { zh: '视频' } }]);
    expect(after).toEqual([{ value: 'shi_pin', label: { zh: '视频' }, color: 'blue' }]);
    expect(keyedOptions(before)[0]).toBe(before[0]);
  });

  it('a new select starts with three Chinese-named options and no invented English', () => {
    const options = sampleOptions();
    expect(options.map((o) => o.value)).toEqual(['xuan_xiang_1', 'xuan_xiang_2', 'xuan_xiang_3']);
    expect(options.every((o) => o.label && !('en' in o.label))).toBe(true);
  });
});
