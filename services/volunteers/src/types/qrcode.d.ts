// The qrcode package ships no type declarations; only what this service uses.
declare module 'qrcode' {
  interface QRCodeToStringOptions {
    type?: 'svg' | 'utf8' | 'terminal';
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
    margin?: number;
    width?: number;
  }
  interface QRCodeToBufferOptions {
    type?: 'png';
    errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
    margin?: number;
    scale?: number;
  }
  export function toBuffer(text: string, options?: QRCodeToBufferOptions): Promise<Buffer>;
  export function toString(text: string, options?: QRCodeToStringOptions): Promise<string>;
}
