import StorageIcon from '@mui/icons-material/Storage';
import { PlanCreate } from './PlanCreate';
import { PlanEdit } from './PlanEdit';
import { PlanList } from './PlanList';
import type { Plan } from './types';

/** Every role reads plans; only admin and ops create, edit or delete them (accessControl.ts). */
export default {
  list: PlanList,
  edit: PlanEdit,
  create: PlanCreate,
  icon: StorageIcon,
  options: { label: 'Quota plans' },
  recordRepresentation: (record: Plan) => record.name,
};
