// Problems the connection service finds in what a person gave, as the API's errors.
import { ClassifiedFailureError, ConnectionInputError } from '@brook/connectors';
import { ApiError, notFound } from '../http/errors.js';

/** "parameters.baseUrl" → "/parameters/baseUrl". */
const pointerOf = (path: string): string => `/${path.split('.').join('/')}`;

/** Input problems of the connection service as the API's 400, each naming its field. */
export async function translate<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConnectionInputError) {
      const first = error.details[0];
      throw new ApiError(400, 'ValidationFailed', first ? `${pointerOf(first.path)}: ${first.message}` : error.message, error.details.map((detail) => ({ path: pointerOf(detail.path), message: detail.message })));
    }
    if (error instanceof ClassifiedFailureError && error.classified.code === 'ConnectionNotFound') throw notFound('The connection');
    throw error;
  }
}

