export { ConfirmDialog, type ConfirmDialogProps } from './ConfirmDialog';
export { FormAlert, apiFieldErrors } from './FormAlert';
export { Pagination } from './Pagination';
export * from './ReasonField';
