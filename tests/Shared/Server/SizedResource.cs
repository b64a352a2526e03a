using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>
    /// An observable GET resource whose representation is <see cref="Size"/> bytes of a known pattern,
    /// written in pieces of 7 bytes (so blocks start and end inside a write), with an ETag made of
    /// <see cref="Revision"/> when <see cref="Tagged"/>.
    /// </summary>
    public sealed class SizedResource : CoapResource
    {
        private readonly byte[] _piece = new byte[7];

        /// <summary>Representation length.</summary>
        public int Size;

        /// <summary>Added to every byte: a new revision is a new representation.</summary>
        public int Revision;

        /// <summary>True: the resource has an ETag (one byte: the revision).</summary>
        public bool Tagged;

        /// <summary>GET runs.</summary>
        public int Runs;

        /// <summary>True: GET answers 4.00 with the representation as its diagnostic payload.</summary>
        public bool Failing;

        /// <summary>Creates it at <paramref name="path"/> with a representation of <paramref name="size"/> bytes.</summary>
        public SizedResource(string path, int size)
            : base(path, CoapMethods.Get)
        {
            Size = size;
            ContentFormat = CoapContentFormat.OctetStream;
            Observable = true;
        }

        /// <summary>Byte <paramref name="index"/> of revision <paramref name="revision"/>.</summary>
        public static byte ByteAt(int index, int revision)
        {
            return (byte)(index * 7 + 3 + revision);
        }

        /// <summary>The whole representation of size <paramref name="size"/> and revision <paramref name="revision"/>.</summary>
        public static byte[] Expected(int size, int revision)
        {
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++)
            {
                bytes[i] = ByteAt(i, revision);
            }

            return bytes;
        }

        /// <summary>Moves to the next revision and notifies observers.</summary>
        public void Revise()
        {
            Revision++;
            Changed();
        }

        /// <inheritdoc/>
        public override int GetETag(CoapMessage request, byte[] etag)
        {
            if (!Tagged)
            {
                return 0;
            }

            etag[0] = (byte)(0x40 + Revision);
            return 1;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            Runs++;
            if (Failing)
            {
                response.Code = CoapCode.BadRequest;
            }
            else
            {
                response.SetContentFormat(CoapContentFormat.OctetStream);
                response.SetMaxAge(20);
            }

            for (int written = 0; written < Size; written += _piece.Length)
            {
                int count = Size - written < _piece.Length ? Size - written : _piece.Length;
                for (int i = 0; i < count; i++)
                {
                    _piece[i] = ByteAt(written + i, Revision);
                }

                response.AddPayload(_piece, 0, count);
            }
        }
    }
}
