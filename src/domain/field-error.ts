/** One problem with what was sent: the API field path (`collaborators.0.email`) and the message for the person. */
export interface FieldError { path: string; message: string }
