/** What other features may use of dispatch: import from here, never from its files. */
export { assignDispatchItem, completeDispatchItem } from './dispatch.service';
export { drawDispatch } from './draw.service';
export { assignDispatchItems, completeDispatchItems } from './bulk.service';
