import PeopleIcon from '@mui/icons-material/People';
import { StaffCreate } from './StaffCreate';
import { StaffEdit } from './StaffEdit';
import { StaffList } from './StaffList';

interface StaffRecord {
  name: string;
  email: string;
}

export default {
  list: StaffList,
  edit: StaffEdit,
  create: StaffCreate,
  icon: PeopleIcon,
  options: { label: 'Staff' },
  recordRepresentation: (record: StaffRecord) => `${record.name} <${record.email}>`,
};
