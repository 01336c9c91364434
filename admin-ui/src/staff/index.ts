import PeopleIcon from '@mui/icons-material/People';
import { StaffCreate } from './StaffCreate';
import { StaffEdit } from './StaffEdit';
import { StaffList } from './StaffList';
import type { StaffMember } from './types';


export default {
  list: StaffList,
  edit: StaffEdit,
  create: StaffCreate,
  icon: PeopleIcon,
  options: { label: 'Staff' },
  recordRepresentation: (record: StaffMember) => `${record.name} <${record.email}>`,
};
