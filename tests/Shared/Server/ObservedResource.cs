using System;
using Coap.Micro;

namespace ThermoDev.Tests.Server
{
    /// <summary>An observable resource at "obs" whose state is a number; it can fail and it records what its GET saw.</summary>
    public sealed class ObservedResource : CoapResource
    {
        /// <summary>The number GET reports.</summary>
        public int Value;

        /// <summary>True: GET answers 5.03 (a failed sensor).</summary>
        public bool Failing;

        /// <summary>True: GET throws.</summary>
        public bool Throwing;

        /// <summary>GET runs.</summary>
        public int Runs;

        /// <summary>False: the resource no longer produces JSON.</summary>
        public bool JsonToo = true;

        /// <summary>Accept of the last GET (or -1).</summary>
        public int LastAccept = -1;

        /// <summary>True when the last GET carried an Observe option.</summary>
        public bool LastHadObserve;

        /// <summary>Max-Age a successful GET gives, in seconds.</summary>
        public uint MaxAge = 30;

        /// <summary>Creates it at <paramref name="path"/>.</summary>
        public ObservedResource(string path)
            : base(path, CoapMethods.Get)
        {
            Observable = true;
            ContentFormat = CoapContentFormat.TextPlain;
        }

        /// <summary>Makes notifications confirmable.</summary>
        public void SendConfirmable()
        {
            NotifyConfirmable = true;
        }

        /// <summary>Sets the value and says it changed.</summary>
        public void Set(int value)
        {
            Value = value;
            Changed();
        }

        /// <inheritdoc/>
        public override bool CanProduce(int contentFormat)
        {
            return contentFormat == CoapContentFormat.TextPlain || (JsonToo && contentFormat == CoapContentFormat.Json);
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            Runs++;
            uint accept;
            LastAccept = request.TryGetUIntOption(CoapOption.Accept, 0, out accept) ? (int)accept : -1;
            LastHadObserve = request.HasOption(CoapOption.Observe);
            if (Throwing)
            {
                throw new InvalidOperationException("boom");
            }

            if (Failing)
            {
                response.Code = CoapCode.ServiceUnavailable;
                response.SetMaxAge(10);
                return;
            }

            response.SetMaxAge(MaxAge);
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.AddPayloadNumber(Value);
        }
    }

    /// <summary>A resource at "sep" that answers GET later (RFC 7252 §5.2.2) with the text it is given.</summary>
    public sealed class SeparateResource : CoapResource
    {
        private static readonly byte[] Done = Ascii.Bytes("done");

        /// <summary>Ticket of the last deferred request (-1: none or refused).</summary>
        public int Ticket = -1;

        /// <summary>GET runs.</summary>
        public int Runs;

        /// <summary>WriteSeparate runs.</summary>
        public int Writes;

        /// <summary>Creates it at "sep".</summary>
        public SeparateResource()
            : base("sep", CoapMethods.Get)
        {
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            Runs++;
            Ticket = response.Defer();
        }

        /// <inheritdoc/>
        public override void WriteSeparate(int ticket, CoapResponse response)
        {
            Writes++;
            response.AddPayload(Done);
        }
    }

    /// <summary>A resource at "order" that writes its options out of order and some after the payload.</summary>
    public sealed class UnorderedOptionsResource : CoapResource
    {
        private static readonly byte[] Tag = { 0xE1, 0xE2 };
        private static readonly byte[] Body = Ascii.Bytes("body");

        /// <summary>Creates it at "order".</summary>
        public UnorderedOptionsResource()
            : base("order", CoapMethods.Get)
        {
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response)
        {
            response.SetMaxAge(60);
            response.AddAsciiOption(CoapOption.LocationPath, "a");
            response.AddOption(CoapOption.ETag, Tag, 0, Tag.Length);
            response.AddPayload(Body);
            response.AddAsciiOption(CoapOption.LocationPath, "b");
            response.SetContentFormat(CoapContentFormat.TextPlain);
            response.AddUIntOption(CoapOption.Size2, 300);
        }
    }
}
