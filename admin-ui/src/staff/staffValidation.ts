import { email, minLength, required } from 'react-admin';

/** The server refuses staff passwords shorter than this. */
export const MIN_PASSWORD_LENGTH = 12;

export const validateEmail = [required(), email()];
export const validateName = [required()];
export const validateRole = [required()];
export const validateNewPassword = [required(), minLength(MIN_PASSWORD_LENGTH)];
export const validateReplacementPassword = [minLength(MIN_PASSWORD_LENGTH)];
