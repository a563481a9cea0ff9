import { checkPasswordRules } from './password-rules.ts';

/** The password policy as a checklist that updates while the user types. */
export const PasswordRulesList = ({ id, password }: { id: string; password: string }) => (
  <ul id={id} className="rules" aria-label="Password rules">
    {checkPasswordRules(password).map((rule) => (
      <li key={rule.label} data-met={rule.met ? 'true' : 'false'}>
        <span aria-hidden="true" className="rule-mark">
          {rule.met ? '✓' : '•'}
        </span>{' '}
        {rule.label}
        <span className="visually-hidden">{rule.met ? ' (met)' : ' (not met yet)'}</span>
      </li>
    ))}
  </ul>
);
