import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder, AwsChunkedEncodingError, decodedHeaders, isAwsChunked } from './aws-chunked';

/** Feeds `body` to a decoder in pieces of `step` bytes; returns the decoded bytes and the trailers. */
async function decode(body: Buffer, step: number): Promise<{ data: Buffer; trailers: Record<string, string> }> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < body.length; i += step) pieces.push(body.subarray(i, i + step));
  const decoder = new AwsChunkedDecoder();
  const [data] = await Promise.all([buffer(decoder), pipeline(Readable.from(pieces), decoder)]);
  return { data, trailers: decoder.trailers };
}

const payload = Buffer.from('0123456789abcdefghijklmnopqrstuvwxyz'.repeat(3));

describe('aws-chunked decoding', () => {
  const signed = Buffer.concat([
    Buffer.from(`40;chunk-signature=${'a'.repeat(64)}\r\n`),
    payload.subarray(0, 0x40),
    Buffer.from(`\r\n${(payload.length - 0x40).toString(16)};chunk-signature=${'b'.repeat(64)}\r\n`),
    payload.subarray(0x40),
    Buffer.from(`\r\n0;chunk-signature=${'c'.repeat(64)}\r\n\r\n`),
  ]);
  const unsignedWithTrailer = Buffer.concat([
    Buffer.from(`${payload.length.toString(16)}\r\n`),
    payload,
    Buffer.from('\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n'),
  ]);

  it.each([1, 2, 7, 64, 4096])('decodes signed chunks (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) fed %i bytes at a time', async (step) => {
    expect((await decode(signed, step)).data.equals(payload)).toBe(true);
  });

  it.each([1, 3, 4096])('decodes unsigned chunks with a checksum trailer fed %i bytes at a time', async (step) => {
    const { data, trailers } = await decode(unsignedWithTrailer, step);
    expect(data.equals(payload)).toBe(true);
    expect(trailers).toEqual({ 'x-amz-checksum-crc32': 'AAAAAA==' });
  });

  it('rejects a body cut short or a bad size line', async () => {
    await expect(decode(signed.subarray(0, signed.length - 20), 4096)).rejects.toBeInstanceOf(AwsChunkedEncodingError);
    await expect(decode(Buffer.from('zz\r\nhello\r\n0\r\n\r\n'), 4096)).rejects.toThrow(/bad aws-chunked size line/);
    await expect(decode(Buffer.from('5\r\nhelloXX0\r\n\r\n'), 4096)).rejects.toThrow(/not followed by CRLF/);
  });

  it('turns the request headers into those of the decoded body', () => {
    const headers = {
      'content-encoding': 'aws-chunked,gzip',
      'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER',
      'x-amz-decoded-content-length': '108',
      'x-amz-trailer': 'x-amz-checksum-crc32',
      'transfer-encoding': 'chunked',
      host: 'h',
    };
    expect(isAwsChunked(headers)).toBe(true);
    expect(isAwsChunked({ 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' })).toBe(false);
    expect(decodedHeaders(headers)).toEqual({ 'content-encoding': 'gzip', 'content-length': '108', 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', host: 'h' });
  });
});
