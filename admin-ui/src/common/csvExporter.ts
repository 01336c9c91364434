// The exporter every console list with an Export button uses instead of react-admin's default (which writes cells
// as they are, formulas included): the same download, through toCsv (common/csv.ts).
import { downloadCSV, type Exporter } from 'react-admin';
import { toCsv } from './csv';

export const csvExporter: Exporter = (records, _fetchRelated, _dataProvider, resource) => downloadCSV(toCsv(records), resource);
