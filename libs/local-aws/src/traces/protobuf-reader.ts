export class ProtobufDecodeError extends Error {
  override readonly name = 'ProtobufDecodeError';
}

/** One field of a protobuf message in wire format. */
export type WireField =
  | { field: number; type: 0; value: bigint } // varint
  | { field: number; type: 1; value: Buffer } // 64-bit, 8 raw bytes
  | { field: number; type: 2; value: Buffer } // length-delimited
  | { field: number; type: 5; value: Buffer }; // 32-bit, 4 raw bytes

/**
 * Splits a protobuf message into its fields (wire format only: the caller knows the schema).
 * Groups (wire types 3 and 4) are rejected; OTLP does not use them.
 */
export function readFields(bytes: Buffer): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (pos >= bytes.length) throw new ProtobufDecodeError('protobuf message ends inside a varint');
      const byte = bytes[pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new ProtobufDecodeError('protobuf varint is longer than 10 bytes');
    }
  };
  const take = (length: number): Buffer => {
    if (pos + length > bytes.length) throw new ProtobufDecodeError('protobuf field runs past the end of the message');
    const value = bytes.subarray(pos, pos + length);
    pos += length;
    return value;
  };
  while (pos < bytes.length) {
    const key = varint();
    const field = Number(key >> 3n);
    const type = Number(key & 7n);
    if (field === 0) throw new ProtobufDecodeError('protobuf field number 0 is invalid');
    switch (type) {
      case 0:
        fields.push({ field, type, value: varint() });
        break;
      case 1:
        fields.push({ field, type, value: take(8) });
        break;
      case 2:
        fields.push({ field, type, value: take(Number(varint())) });
        break;
      case 5:
        fields.push({ field, type, value: take(4) });
        break;
      default:
        throw new ProtobufDecodeError(`protobuf wire type ${type} is not supported`);
    }
  }
  return fields;
}

/** Typed access to the fields of one message. */
export class Message {
  private readonly fields: WireField[];
  constructor(bytes: Buffer) {
    this.fields = readFields(bytes);
  }

  private all(field: number): WireField[] {
    return this.fields.filter((f) => f.field === field);
  }
  private last(field: number): WireField | undefined {
    const found = this.all(field);
    return found[found.length - 1];
  }
  has(field: number): boolean {
    return this.last(field) !== undefined;
  }
  bytes(field: number): Buffer | undefined {
    const f = this.last(field);
    return f && f.type === 2 ? f.value : undefined;
  }
  string(field: number): string | undefined {
    return this.bytes(field)?.toString('utf8');
  }
  messages(field: number): Message[] {
    return this.all(field).flatMap((f) => (f.type === 2 ? [new Message(f.value)] : []));
  }
  message(field: number): Message | undefined {
    const b = this.bytes(field);
    return b ? new Message(b) : undefined;
  }
  uint(field: number): bigint | undefined {
    const f = this.last(field);
    return f && f.type === 0 ? f.value : undefined;
  }
  int64(field: number): bigint | undefined {
    const v = this.uint(field);
    return v === undefined ? undefined : BigInt.asIntN(64, v);
  }
  fixed64(field: number): bigint | undefined {
    const f = this.last(field);
    return f && f.type === 1 ? f.value.readBigUInt64LE(0) : undefined;
  }
  double(field: number): number | undefined {
    const f = this.last(field);
    return f && f.type === 1 ? f.value.readDoubleLE(0) : undefined;
  }
}
