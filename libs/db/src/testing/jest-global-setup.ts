import { setup } from './global-setup';

export default setup;
