import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { Construct } from 'constructs';
import { resourceName, type Stage } from '../stage-config.ts';

/** The share of the budget (percent) whose actual spend sends the email. */
export const BUDGET_ALERT_PERCENT = 80;

/**
 * A monthly cost budget that emails `email` once actual spend passes 80 %. Budgets cover the whole account
 * (cost-allocation tags must be activated in Billing before a budget can filter by stage).
 */
export class MonthlyBudget extends Construct {
  /** Creates the budget of `amountUsd` for `stage`. */
  constructor(scope: Construct, id: string, stage: Stage, amountUsd: number, email: string) {
    super(scope, id);
    new CfnBudget(this, 'Budget', {
      budget: {
        budgetName: resourceName(stage, 'monthly'),
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: amountUsd, unit: 'USD' },
      },
      notificationsWithSubscribers: [
        {
          notification: {
            notificationType: 'ACTUAL',
            comparisonOperator: 'GREATER_THAN',
            threshold: BUDGET_ALERT_PERCENT,
            thresholdType: 'PERCENTAGE',
          },
          subscribers: [{ subscriptionType: 'EMAIL', address: email }],
        },
      ],
    });
  }
}
