import MenuBookIcon from '@mui/icons-material/MenuBook';
import { ArticleCreate } from './ArticleCreate';
import { ArticleEdit } from './ArticleEdit';
import { ArticleList } from './ArticleList';
import { ArticleShow } from './ArticleShow';
import type { Article } from './types';

/** Help-page articles: every role reads them; admin and ops create, edit and delete (accessControl.ts). */
export default {
  list: ArticleList,
  show: ArticleShow,
  edit: ArticleEdit,
  create: ArticleCreate,
  icon: MenuBookIcon,
  options: { label: 'Guidance articles' },
  recordRepresentation: (record: Article) => record.title,
};
