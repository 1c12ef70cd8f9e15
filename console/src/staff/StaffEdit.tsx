import {
  BooleanInput,
  Edit,
  PasswordInput,
  required,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
} from 'react-admin';
import { roleChoices } from './roleChoices';
import { StaffAccessPanel } from './StaffAccessPanel';

export function StaffEdit() {
  return (
    <Edit
      mutationMode="pessimistic"
      transform={({ name, role, active, password, reason }) => ({
        name,
        role,
        active,
        reason,
        ...(password ? { password } : {}),
      })}
    >
      <SimpleForm>
        <TextField source="email" />
        <TextInput source="name" validate={required()} />
        <SelectInput source="role" choices={roleChoices} validate={required()} />
        <BooleanInput source="active" />
        <PasswordInput source="password" helperText="Leave empty to keep the current password" />
        <TextInput source="reason" validate={required()} fullWidth defaultValue="" />
      </SimpleForm>
      <StaffAccessPanel />
    </Edit>
  );
}
