import simpleRestProvider from 'ra-data-simple-rest';
import { httpClient } from './httpClient';

/** Mailwarden's REST API follows the ra-data-simple-rest contract (see admin-ui/README.md). */
export const dataProvider = simpleRestProvider('/api', httpClient);
