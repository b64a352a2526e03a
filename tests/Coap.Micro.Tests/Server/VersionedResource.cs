using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>A text resource with an ETag (its version) that may not exist yet: PUT creates or replaces it, DELETE removes it.</summary>
    public sealed class VersionedResource : CoapResource
    {
        /// <summary>The text.</summary>
        public byte[] Text = Ascii.Bytes("v1");

        /// <summary>Bumped by every PUT; the second byte of the ETag.</summary>
        public int Revision = 1;

        /// <summary>False once deleted or before the first PUT.</summary>
        public bool Present = true;

        /// <summary>PUT runs.</summary>
        public int Puts;

        /// <summary>Length of the ETag written (9: an invalid one).</summary>
        public int TagLength = 2;

        /// <summary>Creates it at "doc".</summary>
        public VersionedResource()
            : base("doc", CoapMethods.Get | CoapMethods.Put | CoapMethods.Delete)
        {
            ContentFormat = CoapContentFormat.TextPlain;
        }

        /// <inheritdoc/>
        public override bool Exists
        {
            get { return Present; }
        }

        /// <inheritdoc/>
        public override int GetETag(CoapMessage request, byte[] etag)
        {
            if (!Present)
            {
                return 0;
            }

            etag[0] = 0xE0;
            etag[1] = (byte)Revision;
            return TagLength;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            if (!Present)
            {
                response.Code = CoapCode.NotFound;
                return;
            }

            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.SetMaxAge(9);
            response.AddPayload(Text);
        }

        /// <inheritdoc/>
        public override void Put(CoapMessage request, CoapResponse response)
        {
            Puts++;
            response.Code = Present ? CoapCode.Changed : CoapCode.Created;
            Text = new byte[request.PayloadLength];
            System.Array.Copy(request.Buffer, request.PayloadOffset, Text, 0, Text.Length);
            Revision++;
            Present = true;
        }

        /// <inheritdoc/>
        public override void Delete(CoapMessage request, CoapResponse response)
        {
            Present = false;
        }
    }
}
