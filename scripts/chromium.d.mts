export const ROOT: string;
export function buildExtension(options?: { outDir?: string; endpoint?: string }): string;
export function headlessExtensionOptions(extensionDir: string): {
  executablePath: string;
  headless: boolean;
  ignoreDefaultArgs: string[];
  args: string[];
};
export function hasDisplay(): boolean;
export function chromiumPath(): string;
export function unpackedExtensionId(extensionDir: string): string;
export function printLoadUnpackedSteps(extensionDir: string): void;
export function openInChromium(extensionDir: string, urls?: string[]): Promise<void>;
