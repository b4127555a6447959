import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { RuleGroupEditor } from './RuleGroupEditor';
import { rulesProblems, toRulesSpec, type RulesModel, type RulesProblem, type ShortSide } from './rules';

function ProblemMessage({ problem, problems }: { problem: RulesProblem; problems: RulesProblem[] }) {
  const { t } = useTranslation();
  if (!problems.includes(problem)) return null;
  return (
    <p className="field__errors" role="alert">
      {t(`btRules.${problem}`)}
    </p>
  );
}

/**
 * "Also trade short": a checkbox that shows the short entry/exit groups. A checkbox cannot carry
 * aria-expanded, so it points at the section with aria-controls and its checked state tells
 * whether the section is shown.
 */
function ShortSideEditor({
  value,
  onChange,
  problems,
}: {
  value: ShortSide;
  onChange: (value: ShortSide) => void;
  problems: RulesProblem[];
}) {
  const { t } = useTranslation();
  const sectionId = useId();
  const hintId = useId();
  return (
    <div className="bt-rules__short">
      <label className="bt-check">
        <input
          type="checkbox"
          checked={value.enabled}
          aria-controls={sectionId}
          aria-describedby={hintId}
          onChange={(e) => onChange({ ...value, enabled: e.target.checked })}
        />
        {t('btRules.shortSide')}
      </label>
      <p id={hintId} className="field__hint">
        {t('btRules.shortSideHint')}
      </p>
      <div id={sectionId} className="bt-rules__short-groups" hidden={!value.enabled}>
        {value.enabled && (
          <>
            <RuleGroupEditor
              title={t('btRules.shortEntry')}
              group={value.entry}
              onChange={(entry) => onChange({ ...value, entry })}
            />
            <ProblemMessage problem="needShortEntry" problems={problems} />
            <RuleGroupEditor
              title={t('btRules.shortExit')}
              hint={t('btRules.exitHint')}
              group={value.exit}
              onChange={(exit) => onChange({ ...value, exit })}
            />
          </>
        )}
      </div>
    </div>
  );
}

export interface RulesBuilderProps {
  value: RulesModel;
  onChange: (value: RulesModel) => void;
  showErrors?: boolean;
  serverErrors?: string[];
}

/** Entry and exit (and optionally short entry and exit) as rows of `indicator operator indicator|constant`. */
export function RulesBuilder({ value, onChange, showErrors, serverErrors }: RulesBuilderProps) {
  const { t } = useTranslation();
  const problems = showErrors ? rulesProblems(value) : [];
  return (
    <div className="bt-rules">
      <RuleGroupEditor
        title={t('btRules.entry')}
        group={value.entry}
        onChange={(entry) => onChange({ ...value, entry })}
      />
      <ProblemMessage problem="needEntry" problems={problems} />
      <RuleGroupEditor
        title={t('btRules.exit')}
        hint={t('btRules.exitHint')}
        group={value.exit}
        onChange={(exit) => onChange({ ...value, exit })}
      />
      <ShortSideEditor
        value={value.short}
        onChange={(short) => onChange({ ...value, short })}
        problems={problems}
      />
      {serverErrors && serverErrors.length > 0 && (
        <ul className="field__errors" role="alert">
          {serverErrors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      <details className="bt-rules__json">
        <summary>{t('btRules.preview')}</summary>
        <pre>{JSON.stringify(toRulesSpec(value), null, 2)}</pre>
      </details>
    </div>
  );
}
