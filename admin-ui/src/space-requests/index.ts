import PostAddIcon from '@mui/icons-material/PostAdd';
import type { SpaceRequest } from './api';
import { SpaceRequestList } from './SpaceRequestList';

/** Requests for more space from /me (#20): help desk approves (a temporary increase) or refuses (with a note). */
export default {
  list: SpaceRequestList,
  icon: PostAddIcon,
  options: { label: 'Space requests' },
  recordRepresentation: (record: SpaceRequest) => `${record.address}: request #${record.id}`,
};
