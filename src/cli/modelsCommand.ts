/**
 * `dltb models install NAME [--file PATH] [--url URL] [--sha256 HEX]`,
 * `dltb models list` and `dltb models remove NAME`: MATLAB's support-package
 * installer for the pretrained networks (src/models/).
 */
import { rm } from 'node:fs/promises';
import type { Command } from 'commander';
import { installModel, knownModel } from '../models/install.ts';
import { modelsListing } from '../models/list.ts';
import { infoFile, installedModel, networkFile } from '../models/store.ts';

export function registerModelsCommand(program: Command): void {
  const models = program
    .command('models')
    .description('install and list pretrained networks (alexnet, googlenet, vgg16, vgg19, resnet50, squeezenet) in the model store ($DLTB_MODELS, else ~/.cache/dltb/models)');

  models
    .command('install')
    .description('download a network\'s ONNX Model Zoo file (or read --file), verify its size and SHA-256, convert it into MATLAB\'s network and store it')
    .argument('<name>', 'alexnet, googlenet, vgg16, vgg19, resnet50 or squeezenet')
    .option('--file <path>', 'install from a local copy of the zoo file instead of downloading')
    .option('--url <url>', 'download from this address instead (a mirror); checked against the table\'s SHA-256 unless --sha256 is given')
    .option('--sha256 <hex>', 'the SHA-256 of another file to accept (with --url or --file); its size is then not checked')
    .action(async (name: string, o: { file?: string; url?: string; sha256?: string }) => {
      await installModel(name, o);
    });

  models
    .command('list')
    .description('show the model store and which networks are installed there, with their sizes')
    .action(() => {
      process.stdout.write(modelsListing());
    });

  models
    .command('remove')
    .description('remove an installed network from the model store')
    .argument('<name>', 'the network')
    .action(async (name: string) => {
      const zoo = knownModel(name);
      const m = installedModel(zoo.name);
      await rm(networkFile(zoo.name), { force: true });
      await rm(infoFile(zoo.name), { force: true });
      console.log(m ? `Removed ${m.file}.` : `${zoo.name} is not installed.`);
    });
}
