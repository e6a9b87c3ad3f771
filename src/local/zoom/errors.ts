/**
 * Zoom's error body, `{code, message, errors?}`, and the refusals the stand-in gives. The codes follow the ones
 * Zoom's documents list for these operations: 300 for a refused value, 1001 for an unknown user, 124 for a token.
 */
export type FieldError = { field: string; message: string };
export type ZoomError = { status: number; code: number; message: string; errors?: FieldError[] };

export const isZoomError = (value: unknown): value is ZoomError =>
  typeof value === 'object' && value !== null && 'code' in value && 'status' in value;

const refuse = (status: number, code: number, message: string, errors?: FieldError[]): ZoomError =>
  errors ? { status, code, message, errors } : { status, code, message };

export const zoomErrors = {
  invalidToken: () => refuse(401, 124, 'Invalid access token.'),
  validation: (errors: FieldError[]) => refuse(400, 300, 'Validation Failed.', errors),
  invalidField: (field: string, message: string) => refuse(400, 300, message, [{ field, message }]),
  badJson: () => refuse(400, 300, 'Request Body should be a valid JSON object.'),
  userNotFound: (ref: string) => refuse(404, 1001, `User does not exist: ${ref}.`),
  phoneUserNotFound: (ref: string) => refuse(404, 1001, `User does not exist: ${ref}.`),
  extensionTaken: (extension: string) => refuse(409, 409, `Extension number ${extension} is taken.`),
  extensionInvalid: (extension: string) =>
    refuse(400, 300, `Invalid extension number: ${extension}.`, [
      { field: 'extension_number', message: 'Invalid field.' },
    ]),
  extensionReserved: (extension: string) => refuse(400, 300, `Extension number ${extension} is reserved.`),
  siteNotFound: (id: string) => refuse(400, 400, `Site does not exist: ${id}.`),
  sitePathNotFound: (id: string) => refuse(404, 13000, `Site does not exist: ${id}.`),
  callQueueNotFound: (id: string) => refuse(404, 404, `Call queue does not exist: ${id}.`),
  autoReceptionistNotFound: (id: string) => refuse(404, 404, `Auto receptionist does not exist: ${id}.`),
  siteNameTaken: (name: string) => refuse(409, 409, `Site name ${name} already exists.`),
  siteCodeTaken: (code: number) => refuse(409, 409, `Site code ${code} is already in use.`),
  siteLengthLocked: () =>
    refuse(
      400,
      300,
      'The site code and short extension length cannot change while the site has phone users.',
    ),
  planNotSubscribed: (type: number) =>
    refuse(400, 300, `Calling plan ${type} is not subscribed by the account.`),
  planExhausted: (type: number) => refuse(400, 300, `No calling plan ${type} is available in the account.`),
  planAlreadyAssigned: (type: number) =>
    refuse(400, 300, `Calling plan ${type} is already assigned to the user.`),
  planNotAssigned: (type: string) => refuse(400, 300, `The user does not have calling plan ${type}.`),
  numberNotFound: (ref: string) => refuse(400, 300, `Phone number does not exist: ${ref}.`),
  numberTaken: (number: string) => refuse(409, 409, `Phone number ${number} is already assigned.`),
  numberOtherSite: (number: string) =>
    refuse(400, 300, `Phone number ${number} belongs to another site than the user's.`),
  numberNotAssigned: (ref: string) => refuse(400, 300, `Phone number ${ref} is not assigned to the user.`),
  tooManyNumbers: (max: number) => refuse(400, 405, `A user can have at most ${max} phone numbers.`),
  addressNotFound: (id: string) => refuse(400, 300, `Emergency address does not exist: ${id}.`),
  invalidPageToken: () => refuse(400, 400, 'The next page token is invalid or expired.'),
  unsupportedSettingType: (type: string) => refuse(400, 300, `Setting type ${type} is not supported.`),
  unsupportedBatchType: (type: string) => refuse(400, 300, `Batch type ${type} is not supported.`),
  extensionNotFound: (id: string) => refuse(400, 300, `Extension does not exist: ${id}.`),
  assistantInvalid: (message: string) =>
    refuse(400, 300, message, [{ field: 'delegation_assistant_extension_id', message }]),
  assistantNotFound: (id: string) => refuse(400, 300, `Extension ${id} is not an assistant of the user.`),
  tooManyAssistants: (max: number) => refuse(400, 405, `A user can have at most ${max} assistants.`),
  alreadyPhoneUser: (email: string) => refuse(400, 300, `User ${email} already has Zoom Phone.`),
  planNameUnknown: (name: string) => refuse(400, 300, `Calling plan does not exist: ${name}.`),
  deviceNotFound: (id: string) => refuse(400, 300, `Device does not exist: ${id}.`),
  macTaken: (mac: string) => refuse(409, 409, `A device with MAC address ${mac} already exists.`),
  tooManyDevices: (max: number) => refuse(400, 300, `A user can have at most ${max} desk phones.`),
  extensionPathNotFound: (id: string) => refuse(404, 1001, `Extension does not exist: ${id}.`),
  blockedRuleExists: () => refuse(400, 13601, 'The blocked rule already exists.'),
  blockedRuleNotFound: (id: string) => refuse(400, 300, `Blocked rule does not exist: ${id}.`),
  breakHourNotFound: () => refuse(400, 15101, 'Break hour does not exist.'),
  holidayNotFound: () => refuse(400, 15102, 'Holiday does not exist.'),
  callForwardNotFound: () => refuse(400, 15103, 'Call forward setting does not exist.'),
  notCompanyNumber: (id: string) => refuse(400, 300, `Phone number ${id} is not a company number.`),
  rateLimited: () =>
    refuse(429, 429, 'You have reached the maximum per-second rate limit for this API. Try again later.'),
  serverError: (status: number) => refuse(status, status, 'Internal server error. Try again later.'),
  unavailable: () => refuse(503, 503, 'Service is temporarily unavailable. Try again later.'),
  noSuchOperation: (method: string, path: string) => refuse(404, 404, `No API at ${method} ${path}.`),
};
