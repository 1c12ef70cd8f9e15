import { Datagrid, FunctionField, List, TextInput, TopToolbar, useLocale, useTranslate } from 'react-admin';
import { Typography } from '@mui/material';
import { formatSetting, settingUnit } from './format';
import { DateTimeField } from '../common/DateTimeField';

interface SettingRow {
  id: string;
  type: string;
  value: unknown;
  default: unknown;
  rule: string;
}

/**
 * Each policy setting by its name and what it does, its value and default in human units (issue 16, item 5).
 */
export function SettingList() {
  const translate = useTranslate();
  const locale = useLocale();
  return (
    <List
      filters={[<TextInput key="q" source="q" alwaysOn />]}
      pagination={false}
      perPage={500}
      exporter={false}
      // No create and no delete: the API has neither.
      actions={<TopToolbar />}
      title={translate('resources.settings.name', { smart_count: 2 })}
    >
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <FunctionField
          source="id"
          label="resources.settings.summary.label"
          sortable={false}
          render={(r: SettingRow) => (
            <>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {translate(`resources.settings.labels.${r.id}`, { _: r.id })}
              </Typography>
              <Typography variant="caption" color="text.secondary" component="div">
                {translate(`resources.settings.descriptions.${r.id}`, { _: '' })}
              </Typography>
              {/* The key and the rule, as the API and the rulebook name them. */}
              <Typography variant="caption" color="text.secondary" component="div">
                <code>{r.id}</code> · {r.rule}
              </Typography>
            </>
          )}
        />
        <FunctionField
          source="value"
          label="resources.settings.summary.current"
          sortable={false}
          render={(r: SettingRow) => formatSetting(r.type, r.value, translate, locale)}
        />
        <FunctionField
          source="default"
          label="resources.settings.summary.default"
          sortable={false}
          render={(r: SettingRow) => formatSetting(r.type, r.default, translate, locale)}
        />
        <FunctionField
          source="type"
          label="resources.settings.summary.unit"
          sortable={false}
          render={(r: SettingRow) => settingUnit(translate, r.type) || '—'}
        />
        <DateTimeField source="changedAt" sortable={false} emptyText="—" />
        <FunctionField
          source="changedBy"
          sortable={false}
          render={(r: { changedBy: string | null }) => r.changedBy ?? '—'}
        />
      </Datagrid>
    </List>
  );
}
