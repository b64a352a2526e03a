using Coap.Micro;

namespace Coap.Micro.Benchmarks
{
    /// <summary>
    /// A GET resource whose representation (<see cref="Size"/> bytes, application/octet-stream) is larger
    /// than one block, written in 16-byte pieces from one preallocated array, as a handler that streams
    /// a log or a table would write it.
    /// </summary>
    public sealed class LargeResource : CoapResource
    {
        private readonly byte[] _piece = new byte[16];

        /// <summary>Creates it at <paramref name="path"/> with a representation of <paramref name="size"/> bytes.</summary>
        public LargeResource(string path, int size)
            : base(path, CoapMethods.Get)
        {
            Size = size;
            ContentFormat = CoapContentFormat.OctetStream;
            for (int i = 0; i < _piece.Length; i++)
            {
                _piece[i] = (byte)('a' + i);
            }
        }

        /// <summary>Representation length, bytes.</summary>
        public int Size { get; }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetContentFormat(CoapContentFormat.OctetStream);
            for (int written = 0; written < Size; written += _piece.Length)
            {
                response.AddPayload(_piece, 0, Size - written < _piece.Length ? Size - written : _piece.Length);
            }
        }
    }
}
