import { Edit, SimpleForm } from 'react-admin';
import { ArticleInputs } from './ArticleInputs';
import { toArticleBody } from './articleBody';

export const ArticleEdit = () => (
  <Edit mutationMode="pessimistic" transform={toArticleBody}>
    <SimpleForm>
      <ArticleInputs />
    </SimpleForm>
  </Edit>
);
