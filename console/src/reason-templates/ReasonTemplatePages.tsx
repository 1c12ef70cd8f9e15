import {
  BooleanInput,
  FunctionField,
  SelectInput,
  TextField,
  TextInput,
  required,
  useTranslate,
} from 'react-admin';
import { bilingualTextPages } from '../common/BilingualTextPages';

/** The decision actions templates are kept under (the server's DECISION_ACTIONS). */
export const DECISION_ACTIONS = [
  'refund.approve',
  'refund.approve_partial',
  'refund.reject',
  'escalation.decide',
  'dispute.approve_award',
  'dispute.refuse_award',
  'dispute.arbitration',
  'seller_application.approve',
  'seller_application.reject',
  'seller_application.request_changes',
  'identity_check.approve',
  'identity_check.reject',
  'warning.issue',
  'payout.refuse',
  'payout.fail',
  'report.dismiss',
  'report.warn',
  'report.remove_service',
  'report.block',
  'service_review.approve',
  'service_review.reject',
  'user.block',
  'user.lift_suspension',
];
const ACTION_CHOICES = DECISION_ACTIONS.map((id) => ({
  id,
  name: `resources.reason-templates.action_names.${id}`,
}));

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="action" source="action" choices={ACTION_CHOICES} alwaysOn />,
  <BooleanInput key="active" source="active" />,
];

/** The decision a template is for, in the reader's language. */
function ActionNameField(_: { source: 'action' }) {
  const translate = useTranslate();
  return (
    <FunctionField
      source="action"
      render={(r) => translate(`resources.reason-templates.action_names.${r.action}`, { _: r.action })}
    />
  );
}

/** OPS-6: the reason templates admins keep, per decision, in English and Indonesian. */
const pages = bilingualTextPages({
  sort: { field: 'action', order: 'ASC' },
  filters,
  columns: [
    <ActionNameField key="action" source="action" />,
    <TextField key="name" source="name" />,
    <TextField key="bodyEn" source="bodyEn" sortable={false} />,
    <TextField key="bodyId" source="bodyId" sortable={false} />,
  ],
  before: <SelectInput source="action" choices={ACTION_CHOICES} validate={required()} />,
  bodyRows: 3,
  helperText: { bodyEn: 'resources.reason-templates.helper' },
});

export const ReasonTemplateList = pages.List;
export const ReasonTemplateEdit = pages.Edit;
export const ReasonTemplateCreate = pages.Create;
