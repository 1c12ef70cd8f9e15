import { DateField, FunctionField, SelectInput, TextField, TextInput, useTranslate } from 'react-admin';
import { QueueList } from '../common/QueueList';

const STATUS = ['open', 'dismissed', 'actioned'].map((id) => ({
  id,
  name: `resources.reports.status.${id}`,
}));
const SUBJECT = ['service', 'user', 'message'].map((id) => ({ id, name: `resources.reports.subject.${id}` }));
const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="status" source="status" choices={STATUS} alwaysOn />,
  <SelectInput key="subjectType" source="subjectType" choices={SUBJECT} alwaysOn />,
];

/** WRN-10: the reports queue, oldest SLA first. */
export function ReportList() {
  const translate = useTranslate();
  return (
    <QueueList filters={filters} filterDefaultValues={{ status: 'open' }}>
      <FunctionField
        source="subjectType"
        sortable={false}
        render={(r) => translate(`resources.reports.subject.${r.subjectType}`)}
      />
      <TextField source="subjectUserName" sortable={false} />
      <FunctionField
        source="reason"
        sortable={false}
        render={(r) => translate(`resources.reports.reason.${r.reason}`)}
      />
      <TextField source="reporterName" sortable={false} />
      <FunctionField
        source="status"
        sortable={false}
        render={(r) => translate(`resources.reports.status.${r.status}`)}
      />
      <DateField source="createdAt" />
    </QueueList>
  );
}
