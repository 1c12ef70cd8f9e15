import type { ReactElement, ReactNode } from 'react';
import {
  BooleanField,
  BooleanInput,
  Create,
  Datagrid,
  Edit,
  List,
  SimpleForm,
  TextInput,
  required,
  type SortPayload,
} from 'react-admin';
import { DateTimeField } from './DateTimeField';

/**
 * What sets one kind of admin-kept text apart from another (ticket macros, SUP-5; reason templates,
 * OPS-6): both are a name and a body in English and Indonesian that admins write, retire and audit.
 */
export interface BilingualTextConfig {
  sort: SortPayload;
  filters: ReactElement[];
  /** The list's columns before `active` and `updatedAt` (each with its `key`). */
  columns: ReactElement[];
  /** Form inputs before the name. */
  before?: ReactNode;
  /** Form inputs after the two bodies, before `active`. */
  after?: ReactNode;
  /** Rows of each body input. */
  bodyRows: number;
  /** Helper text (an i18n key) under each body input. */
  helperText: { bodyEn?: string; bodyId?: string };
}

/** The list, edit and create pages of one kind of bilingual text, for the resource the pages are under. */
export function bilingualTextPages(c: BilingualTextConfig) {
  function TextList() {
    return (
      <List sort={c.sort} filters={c.filters}>
        <Datagrid rowClick="edit" bulkActionButtons={false}>
          {c.columns}
          <BooleanField source="active" sortable={false} />
          <DateTimeField source="updatedAt" />
        </Datagrid>
      </List>
    );
  }

  function TextForm() {
    return (
      <SimpleForm>
        {c.before}
        <TextInput source="name" validate={required()} fullWidth />
        {(['bodyEn', 'bodyId'] as const).map((source) => (
          <TextInput
            key={source}
            source={source}
            validate={required()}
            multiline
            minRows={c.bodyRows}
            fullWidth
            helperText={c.helperText[source]}
          />
        ))}
        {c.after}
        <BooleanInput source="active" defaultValue />
      </SimpleForm>
    );
  }

  function TextEdit() {
    return (
      <Edit mutationMode="pessimistic">
        <TextForm />
      </Edit>
    );
  }

  function TextCreate() {
    return (
      <Create redirect="list">
        <TextForm />
      </Create>
    );
  }

  return { List: TextList, Edit: TextEdit, Create: TextCreate };
}
