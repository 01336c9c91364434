import { Chip } from '@mui/material';
import { DataTable, DateField, FunctionField, List, TextField, useCanAccess } from 'react-admin';
import { KIND_LABELS } from '../notifications/api';
import type { NoticeTemplate } from './api';

/** One template per kind of notice: the built-in default until someone saves an edited one. */
export const TemplateList = () => {
  const { canAccess: canEdit } = useCanAccess({ resource: 'notice-templates', action: 'edit' });
  return (
  <List title="Notice templates" pagination={false} exporter={false} sort={{ field: 'kind', order: 'ASC' }}>
    <DataTable rowClick={canEdit ? 'edit' : 'show'} bulkActionButtons={false}>
      <DataTable.Col source="kind" label="Notice" disableSort><FunctionField render={(r: NoticeTemplate) => KIND_LABELS[r.kind]} /></DataTable.Col>
      <DataTable.Col source="subject" label="Subject" disableSort><TextField source="subject" /></DataTable.Col>
      <DataTable.Col source="isDefault" label="Version" disableSort>
        <FunctionField render={(r: NoticeTemplate) => (r.isDefault ? <Chip size="small" variant="outlined" label="Default" /> : <Chip size="small" color="info" label={`Edited by ${r.updatedBy ?? 'staff'}`} />)} />
      </DataTable.Col>
      <DataTable.Col source="updatedAt" label="Changed" disableSort><DateField source="updatedAt" showTime emptyText="—" /></DataTable.Col>
    </DataTable>
  </List>
  );
};
