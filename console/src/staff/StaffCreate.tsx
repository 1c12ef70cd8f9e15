import { Create, PasswordInput, required, SelectInput, SimpleForm, TextInput, email } from 'react-admin';
import { roleChoices } from './roleChoices';

export function StaffCreate() {
  return (
    <Create redirect="list">
      <SimpleForm>
        <TextInput source="name" validate={required()} />
        <TextInput source="email" validate={[required(), email()]} />
        <SelectInput source="role" choices={roleChoices} validate={required()} />
        <PasswordInput
          source="password"
          validate={required()}
          helperText="≥ 8 characters, an upper-case letter and a digit"
        />
      </SimpleForm>
    </Create>
  );
}
