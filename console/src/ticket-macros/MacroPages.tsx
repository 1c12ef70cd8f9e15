import { SelectInput, TextField, TextInput } from 'react-admin';
import { STAFF_STATUS } from '../tickets/choices';
import { bilingualTextPages } from '../common/BilingualTextPages';
import { EnumField } from '../common/EnumField';

const STATUS_CHOICES = STAFF_STATUS.map((s) => ({
  id: s.status,
  name: `resources.tickets.status.${s.status}`,
}));

/** SUP-5: the macros admins keep, in English and Indonesian, with the status and tag they set. */
const pages = bilingualTextPages({
  sort: { field: 'name', order: 'ASC' },
  filters: [<TextInput key="q" source="q" alwaysOn />],
  columns: [
    <TextField key="name" source="name" />,
    <EnumField key="setStatus" source="setStatus" kind="status.tickets" sortable={false} />,
    <TextField key="addTag" source="addTag" emptyText="—" sortable={false} />,
  ],
  after: (
    <>
      <SelectInput source="setStatus" choices={STATUS_CHOICES} emptyText="—" />
      <TextInput source="addTag" />
    </>
  ),
  bodyRows: 4,
  helperText: {
    bodyEn: 'resources.ticket-macros.placeholders',
    bodyId: 'resources.ticket-macros.placeholders',
  },
});

export const MacroList = pages.List;
export const MacroEdit = pages.Edit;
export const MacroCreate = pages.Create;
