import { Create, SimpleForm } from 'react-admin';
import { ArticleInputs } from './ArticleInputs';
import { toArticleBody } from './articleBody';

export const ArticleCreate = () => (
  <Create transform={toArticleBody} redirect="edit">
    <SimpleForm defaultValues={{ protocol: 'any', client: 'generic', position: 100, markdown: '' }}>
      <ArticleInputs />
    </SimpleForm>
  </Create>
);
