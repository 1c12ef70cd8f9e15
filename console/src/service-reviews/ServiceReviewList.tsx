import {
  Datagrid,
  FunctionField,
  List,
  NumberField,
  SelectInput,
  TextField,
  TextInput,
  useTranslate,
} from 'react-admin';
import { Chip } from '@mui/material';
import { SlaField } from '../common/SlaField';
import { DateTimeField } from '../common/DateTimeField';
import { LinkField } from '../common/links';

const STATUS = ['open', 'approved', 'rejected'].map((id) => ({
  id,
  name: `resources.service-reviews.status.${id}`,
}));
const MODERATION = ['pre', 'post'].map((id) => ({ id, name: `resources.service-reviews.moderation.${id}` }));
const filters = [
  <SelectInput key="status" source="status" choices={STATUS} alwaysOn />,
  <SelectInput key="moderation" source="moderation" choices={MODERATION} />,
  <TextInput key="q" source="q" alwaysOn />,
];

/** CAT-1: the Service reviews queue: open first, flagged ones (CAT-3) first, then the oldest SLA. */
export function ServiceReviewList() {
  const translate = useTranslate();
  return (
    <List
      filters={filters}
      filterDefaultValues={{ status: 'open' }}
      sort={{ field: 'priority', order: 'ASC' }}
    >
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <TextField source="id" />
        <SlaField source="slaDueAt" label="app.queue.sla" />
        <TextField source="title" sortable={false} />
        <LinkField
          source="sellerId"
          nameSource="sellerName"
          reference="users"
          label="resources.service-reviews.fields.sellerName"
          sortable={false}
        />
        <FunctionField
          source="sellerLevel"
          sortable={false}
          render={(r) => translate(`resources.service-reviews.level.${r.sellerLevel}`)}
        />
        <FunctionField
          source="kind"
          sortable={false}
          render={(r) => translate(`resources.service-reviews.kind.${r.kind}`)}
        />
        <FunctionField
          source="moderation"
          sortable={false}
          render={(r) => translate(`resources.service-reviews.moderation.${r.moderation}`)}
        />
        <FunctionField
          source="flags"
          render={(r) =>
            r.flags > 0 ? (
              <Chip
                size="small"
                color="warning"
                label={translate('resources.service-reviews.flagged', { smart_count: r.flags })}
              />
            ) : (
              <NumberField source="flags" />
            )
          }
        />
        <FunctionField
          source="status"
          sortable={false}
          render={(r) => translate(`resources.service-reviews.status.${r.status}`)}
        />
        <DateTimeField source="createdAt" showTime={false} />
      </Datagrid>
    </List>
  );
}
