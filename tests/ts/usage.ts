// The TypeScript check of the JS API (`make test` runs `tsc --noEmit -p tests/ts/tsconfig.json`).
//
// 1. The declarations wasm-bindgen writes into www/pkg-studio/yesif.d.ts (from src/wasm.rs; the widget's
//    www/pkg/ has the same minus check, api and runCases) are used
//    the way the README says, so a renamed method or a changed signature fails here.
// 2. Real values the native engine serialises (target/parity/samples.json, written by
//    `cargo test --test wasm_types`) are held against those declarations in both directions:
//    each value must be assignable to its declared type, and may carry no key the declaration
//    lacks. A field added to, renamed in or removed from a Rust type fails here.
import init, { RuleSet } from '../../www/pkg-studio/yesif.js';
import type {
  ApiFunction, Case, CaseResult, CheckResult, CompileError, Diagnostic, Field, Limits, Mismatch, Report,
  RulesInfo, ScoreResult,
} from '../../www/pkg-studio/yesif.js';
import samples from '../../target/parity/samples.json';
import defaultCases from '../../rules/ld-intake.cases.json';

// ---- 1. usage -------------------------------------------------------------------------------
export async function usage(source: string): Promise<number> {
  await init();
  const version: string = RuleSet.version();
  const checked: CheckResult = RuleSet.check(source);
  if (checked.type === 'failure') {
    const d: Diagnostic = checked.diagnostics[0]!;
    const where: string = d.line === undefined ? d.field ?? '' : `${d.line}:${d.column}`;
    void where;
  }
  RuleSet.check(source, '2026-06-01');
  const api: ApiFunction[] = RuleSet.api();

  let rules: RuleSet;
  try {
    rules = new RuleSet(source, { maxOperations: 50_000, maxFieldChars: 5_000 });
  } catch (e) {
    const diagnostics: Diagnostic[] = (e as CompileError).diagnostics;
    return diagnostics.length;
  }
  // @ts-expect-error: a misspelt limit is a type error (and throws at run time).
  new RuleSet(source, { maxOperation: 1 });
  // @ts-expect-error: so is an unknown score option.
  rules.score({}, { tody: '2026-06-01' });
  // @ts-expect-error: asked is a list of field ids, not one text.
  rules.score({}, { asked: 'sponsor' });
  const short: ScoreResult = rules.score({}, { today: '2026-06-01', asked: ['business_outcome', 'audience_size'] });
  if (short.type === 'success') {
    const followups: string[] = short.report.followups;
    const asked: boolean = short.report.findings[0]!.asked;
    const understood: string | undefined = short.report.understood[0]?.text;
    void [followups, asked, understood];
  }

  const result: ScoreResult = rules.score({ business_outcome: 'Cut returns by 10%' }, { today: '2026-06-01' });
  rules.score({});
  let score = 0;
  if (result.type === 'success') {
    const report: Report = result.report;
    score = report.score + report.forces[0]!.max;
    const q: string | null = report.findings[0]!.question;
    void q;
  } else {
    const kind: 'parse' | 'runtime' | 'limit' | 'input' = result.diagnostics[0]!.kind;
    void kind;
  }
  const ran: CaseResult[] = rules.runCases([{ name: 'x', today: '2026-06-01', request: {}, expect: { tier: 'ready' } }]);
  rules.runCases('[]');
  const passed: boolean = ran[0]!.passed;
  const fields: Field[] = rules.fields();
  const type: Field['type'] = fields[0]!.type;
  const info: RulesInfo = rules.info();
  const limits: Limits = {};
  rules.free();
  void [version, api, passed, type, info, limits];
  return score;
}

// ---- 2. native values against the declarations -----------------------------------------------
type AllKeys<T> = T extends unknown ? keyof T : never;
/** `true` when no member of the union T has a key that D lacks. */
type NoExtraKeys<T, D> = [Exclude<AllKeys<T>, keyof D>] extends [never] ? true : Exclude<AllKeys<T>, keyof D>;
type Elem<T> = T extends readonly (infer E)[] ? E : never;
const ok = <T extends true>(): T => true as T;
/** T with its string-literal unions widened to string, as JSON imports infer them. */
type Loose<T> = T extends string ? string
  : T extends readonly (infer E)[] ? Loose<E>[]
  : T extends object ? { [K in keyof T]: Loose<T[K]> }
  : T;

type R = Elem<typeof samples.reports>;
export const reports: Loose<Report>[] = samples.reports;
ok<NoExtraKeys<R, Report>>();
ok<NoExtraKeys<R['tier'], Report['tier']>>();
ok<NoExtraKeys<R['trainingFit'], Report['trainingFit']>>();
ok<NoExtraKeys<Elem<R['forces']>, Report['forces'][number]>>();
ok<NoExtraKeys<Elem<R['findings']>, Report['findings'][number]>>();
ok<NoExtraKeys<R['rules'], RulesInfo>>();
ok<NoExtraKeys<Elem<R['understood']>, Report['understood'][number]>>();

export const diagnostics: Loose<Diagnostic>[] = samples.diagnostics;
ok<NoExtraKeys<Elem<typeof samples.diagnostics>, Diagnostic>>();
export const mismatches: Mismatch[] = samples.mismatches;
ok<NoExtraKeys<Elem<typeof samples.mismatches>, Mismatch>>();
export const fields: Loose<Field>[] = samples.fields;
ok<NoExtraKeys<Elem<typeof samples.fields>, Field>>();
export const info: RulesInfo = samples.info;
ok<NoExtraKeys<typeof samples.info, RulesInfo>>();
export const api: Loose<ApiFunction>[] = samples.api;
ok<NoExtraKeys<Elem<typeof samples.api>, ApiFunction>>();
// The cases file the rules ship with is a Case[] (and runCases takes it).
export const cases: Case[] = defaultCases;
ok<NoExtraKeys<Elem<typeof defaultCases>, Case>>();
ok<NoExtraKeys<Elem<typeof defaultCases>['expect'], Case['expect']>>();
// Limits: every key of the native defaults is a declared option, and every option is set.
export const limits: Required<Limits> = samples.limits;
ok<NoExtraKeys<typeof samples.limits, Limits>>();
