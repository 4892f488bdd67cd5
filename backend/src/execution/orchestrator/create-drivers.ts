// The drivers an orchestrator runs agents with, from its config: always `local`; `inference` when
// INFERENCE_BASE_URL is set; `kubernetes` when KUBECONFIG is. The Kubernetes client is loaded only then:
// @kubernetes/client-node is ~20 MB of the heap (its sources and code) that an orchestrator without a
// cluster would carry, and mark through in every full collection.
import { mkdirSync } from 'node:fs';
import type { Logger } from '../../service/logger.ts';
import type { ExecutionDriver } from '../gpu/driver.ts';
import { createInferenceDriver } from '../gpu/inference/inference-driver.ts';
import { createLocalDriver } from '../gpu/local/local-driver.ts';
import type { OrchestratorConfig } from './config.ts';

export type Drivers = Partial<Record<ExecutionDriver['runtime'], ExecutionDriver>>;

export async function createDrivers(config: OrchestratorConfig, logger: Logger): Promise<Drivers> {
  mkdirSync(config.LOCAL_DRIVER_WORK_DIR, { recursive: true });
  const drivers: Drivers = {
    local: createLocalDriver({ workDir: config.LOCAL_DRIVER_WORK_DIR, memoryLimitMb: config.LOCAL_DRIVER_MEMORY_MB, persistent: config.LOCAL_DRIVER_PERSISTENT, isolateNetwork: config.LOCAL_DRIVER_ISOLATE_NETWORK, logger }),
  };
  if (config.INFERENCE_BASE_URL) drivers.inference = createInferenceDriver({ baseUrl: config.INFERENCE_BASE_URL, ...(config.INFERENCE_API_KEY ? { apiKey: config.INFERENCE_API_KEY } : {}), logger });
  if (config.KUBECONFIG) {
    const [{ KubeConfig }, { createKubernetesDriver }] = await Promise.all([import('@kubernetes/client-node'), import('../gpu/kubernetes/kubernetes-driver.ts')]);
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(config.KUBECONFIG);
    drivers.kubernetes = createKubernetesDriver({ kubeConfig, namespace: config.KUBERNETES_NAMESPACE, logger });
  }
  return drivers;
}
