/** One bench run: the toolbox first (its peak RSS must not include the references), then each reference present. */
import os from 'node:os';
import type { BenchConfig } from './config.ts';
import { loadDigits } from './data.ts';
import { measureOurs, type OursResult } from './ours.ts';
import { measureTfjsLayers, type TfjsResult } from './tfjsLayers.ts';
import { findTorchPython, measureTorch, type TorchResult } from './torch.ts';
import { measureAlexNet, type AlexNetResult } from './alexnet.ts';

export interface Machine {
  cpu: string;
  cores: number;
  node: string;
  /** 1-minute load average at the start and at the end of the run. */
  loadStart: number;
  loadEnd: number;
}

export interface BenchResult {
  config: BenchConfig;
  data: string;
  trainImages: number;
  inferImages: number;
  machine: Machine;
  ours: OursResult;
  tfjs: TfjsResult | null;
  /** One per cfg.torchThreads, or null with the reason in torchNote. */
  torch: TorchResult[] | null;
  torchNote: string | null;
  /** alexnet('Weights','none') rows (full runs only), PyTorch beside them when references run. */
  alexnet: AlexNetResult | null;
}

export async function runBench(cfg: BenchConfig, references = true, say: (s: string) => void = () => {}): Promise<BenchResult> {
  const t0 = performance.now();
  const log = (s: string): void => say(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${s}`);
  const cpus = os.cpus();
  const loadStart = os.loadavg()[0];
  const d = await loadDigits(Math.max(cfg.train, cfg.infer));
  log(`data: ${d.source}`);
  log('measuring the toolbox (trainNetwork, predict)…');
  const ours = await measureOurs(d, cfg);
  let tfjs: TfjsResult | null = null;
  let torch: TorchResult[] | null = null;
  let torchNote: string | null = 'references not run (--no-references)';
  if (references) {
    log('measuring tfjs-layers (fit, predict)…');
    tfjs = await measureTfjsLayers(d, cfg);
    const python = findTorchPython();
    if (python === null) {
      torchNote = `PyTorch skipped: no Python with torch (tried ${process.env.BENCH_PYTHON || '/usr/bin/python3, python3'}; on Debian: apt-get install python3-torch)`;
    } else {
      log(`measuring PyTorch (${python}, ${cfg.torchThreads.join(' and ')} threads)…`);
      try {
        torch = measureTorch(python, d, cfg, cfg.torchThreads);
        torchNote = null;
      } catch (err) {
        torchNote = `PyTorch skipped: ${(err as Error).message}`;
      }
    }
  }
  let alexnet: AlexNetResult | null = null;
  if (!cfg.quick) {
    log('measuring alexnet (inference, transfer learning; ours then PyTorch)…');
    alexnet = measureAlexNet(references ? findTorchPython() : null, 6);
  }
  log('done');
  return {
    config: cfg, data: d.source, trainImages: Math.min(cfg.train, d.count), inferImages: Math.min(cfg.infer, d.count), ours, tfjs, torch, torchNote, alexnet,
    machine: { cpu: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length, node: process.version, loadStart, loadEnd: os.loadavg()[0] },
  };
}
