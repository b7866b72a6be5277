import { ArmHttpError, type ArmRequest } from './http.js';

/** api-versions each emulated resource type accepts: what our SDK packages send, plus those of the fixtures. */
export const API_VERSIONS = {
  // @azure/arm-containerservice 25.3.0 sends 2026-04-01; the fixtures are 2026-06-01.
  managedClusters: ['2024-10-01', '2025-05-01', '2025-08-01', '2025-10-01', '2026-01-01', '2026-04-01', '2026-06-01'],
  // The AKS Azure-AsyncOperation URL carries 2017-08-31; the SDK only adds its own version when one is missing.
  aksOperations: ['2016-03-30', '2017-08-31'],
  // @azure/arm-network 36.0.0 sends 2025-05-01; the fixtures are 2026-01-01.
  network: ['2024-05-01', '2024-07-01', '2024-10-01', '2025-01-01', '2025-03-01', '2025-05-01', '2026-01-01'],
  // @azure/arm-security 5.0.0 per operation group.
  pricings: ['2022-03-01', '2023-01-01'],
  assessments: ['2020-01-01', '2021-06-01'],
  subAssessments: ['2019-01-01-preview'],
} as const;

export function checkApiVersion(req: ArmRequest, supported: readonly string[], resourceType: string): void {
  const v = req.query.get('api-version');
  if (!v) {
    throw new ArmHttpError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
  }
  if (!/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v)) {
    throw new ArmHttpError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${v}' is invalid. The supported versions are '${supported.join(',')}'.`,
    );
  }
  if (!supported.includes(v)) {
    throw new ArmHttpError(
      400,
      'NoRegisteredProviderFound',
      `No registered resource provider found for location 'global' and API version '${v}' for type '${resourceType}'. The supported api-versions are '${supported.join(', ')}'. The supported locations are 'global'.`,
    );
  }
}
