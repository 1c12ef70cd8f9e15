import { FunctionField, SelectInput, TextInput, useTranslate } from 'react-admin';
import { QueueList } from '../common/QueueList';
import { DateTimeField } from '../common/DateTimeField';
import { LinkField } from '../common/links';

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
      <LinkField
        source="subjectUserId"
        nameSource="subjectUserName"
        reference="users"
        label="resources.reports.fields.subjectUserName"
        sortable={false}
      />
      <FunctionField
        source="reason"
        sortable={false}
        render={(r) => translate(`resources.reports.reason.${r.reason}`)}
      />
      <LinkField
        source="reporterId"
        nameSource="reporterName"
        reference="users"
        label="resources.reports.fields.reporterName"
        sortable={false}
      />
      <FunctionField
        source="status"
        sortable={false}
        render={(r) => translate(`resources.reports.status.${r.status}`)}
      />
      <DateTimeField source="createdAt" showTime={false} />
    </QueueList>
  );
}
