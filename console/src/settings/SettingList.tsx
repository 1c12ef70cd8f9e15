import { Datagrid, FunctionField, List, TextField, TextInput, useTranslate } from 'react-admin';
import { formatSetting } from './format';
import { DateTimeField } from '../common/DateTimeField';

export function SettingList() {
  const translate = useTranslate();
  return (
    <List
      filters={[<TextInput key="q" source="q" alwaysOn />]}
      pagination={false}
      perPage={500}
      exporter={false}
      title={translate('resources.settings.name', { smart_count: 2 })}
    >
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TextField source="id" sortable={false} />
        <TextField source="description" sortable={false} />
        <FunctionField source="value" sortable={false} render={(r) => formatSetting(r.type, r.value)} />
        <FunctionField source="default" sortable={false} render={(r) => formatSetting(r.type, r.default)} />
        <TextField source="rule" sortable={false} />
        <DateTimeField source="changedAt" sortable={false} />
        <TextField source="changedBy" sortable={false} emptyText="—" />
      </Datagrid>
    </List>
  );
}
