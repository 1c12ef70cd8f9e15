import {
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  Edit,
  FunctionField,
  List,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  required,
  useTranslate,
} from 'react-admin';
import { DateTimeField } from '../common/DateTimeField';

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

/** OPS-6: the reason templates admins keep, per decision, in English and Indonesian. */
export function ReasonTemplateList() {
  const translate = useTranslate();
  return (
    <List sort={{ field: 'action', order: 'ASC' }} filters={filters}>
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <FunctionField
          source="action"
          render={(r) => translate(`resources.reason-templates.action_names.${r.action}`, { _: r.action })}
        />
        <TextField source="name" />
        <TextField source="bodyEn" sortable={false} />
        <TextField source="bodyId" sortable={false} />
        <BooleanField source="active" sortable={false} />
        <DateTimeField source="updatedAt" />
      </Datagrid>
    </List>
  );
}

function TemplateForm() {
  return (
    <SimpleForm>
      <SelectInput source="action" choices={ACTION_CHOICES} validate={required()} />
      <TextInput source="name" validate={required()} fullWidth />
      <TextInput
        source="bodyEn"
        validate={required()}
        multiline
        minRows={3}
        fullWidth
        helperText="resources.reason-templates.helper"
      />
      <TextInput source="bodyId" validate={required()} multiline minRows={3} fullWidth />
      <BooleanInput source="active" defaultValue />
    </SimpleForm>
  );
}

export function ReasonTemplateEdit() {
  return (
    <Edit mutationMode="pessimistic">
      <TemplateForm />
    </Edit>
  );
}

export function ReasonTemplateCreate() {
  return (
    <Create redirect="list">
      <TemplateForm />
    </Create>
  );
}
