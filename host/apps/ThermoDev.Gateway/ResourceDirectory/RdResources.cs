using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Coap.Micro;

namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>The registration interface, /rd (RFC 9176 §5, rt=core.rd): POST ?ep&amp;d&amp;lt&amp;base with the links registers.</summary>
    public sealed class RegistrationInterface : CoapResource
    {
        /// <summary>Largest link-format payload taken (in blocks, RFC 7959, beyond one datagram).</summary>
        public const int MaxLinksBytes = 4096;

        private readonly ResourceDirectoryService _directory;

        /// <summary>The interface of <paramref name="directory"/>.</summary>
        public RegistrationInterface(ResourceDirectoryService directory)
            : base(Registration.PathPrefix, CoapMethods.Post)
        {
            _directory = directory;
            ResourceType = "core.rd";
            ContentFormat = CoapContentFormat.LinkFormat;
            BlockwisePayloadCapacity = MaxLinksBytes;
        }

        /// <inheritdoc/>
        public override bool Accepts(byte method, int contentFormat) =>
            contentFormat == CoapContentFormat.LinkFormat || contentFormat == CoapContentFormat.None;

        /// <inheritdoc/>
        public override bool CanProduce(int contentFormat) => true;

        /// <inheritdoc/>
        public override void Post(CoapMessage request, CoapResponse response) => _directory.Register(request, response);
    }

    /// <summary>
    /// One registration resource, /rd/{slot} (§5.3): POST updates (?lt&amp;base), DELETE removes, GET
    /// shows the links as registered. Not listed by /.well-known/core: the registration's 2.01 gives its location.
    /// </summary>
    public sealed class RegistrationResource : CoapResource
    {
        private readonly ResourceDirectoryService _directory;
        private readonly int _slot;

        /// <summary>The resource of slot <paramref name="slot"/>.</summary>
        public RegistrationResource(ResourceDirectoryService directory, int slot)
            : base(Registration.PathPrefix + "/" + slot.ToString(CultureInfo.InvariantCulture), CoapMethods.Get | CoapMethods.Post | CoapMethods.Delete)
        {
            _directory = directory;
            _slot = slot;
            Discoverable = false;
            ContentFormat = CoapContentFormat.LinkFormat;
        }

        /// <inheritdoc/>
        public override bool CanProduce(int contentFormat) => contentFormat == CoapContentFormat.LinkFormat;

        /// <inheritdoc/>
        public override bool Accepts(byte method, int contentFormat) => true;

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response) => _directory.Read(_slot, response);

        /// <inheritdoc/>
        public override void Post(CoapMessage request, CoapResponse response) => _directory.Update(_slot, request, response);

        /// <inheritdoc/>
        public override void Delete(CoapMessage request, CoapResponse response) => _directory.Remove(_slot, response);
    }

    /// <summary>Simple registration, POST /.well-known/rd?ep=... (§5.1): the directory fetches the sender's /.well-known/core, then answers 2.04.</summary>
    public sealed class SimpleRegistrationResource : CoapResource
    {
        private readonly ResourceDirectoryService _directory;

        /// <summary>The simple registration of <paramref name="directory"/>.</summary>
        public SimpleRegistrationResource(ResourceDirectoryService directory)
            : base(".well-known/rd", CoapMethods.Post)
        {
            _directory = directory;
            Discoverable = false;
        }

        /// <inheritdoc/>
        public override bool Accepts(byte method, int contentFormat) => true;

        /// <inheritdoc/>
        public override bool CanProduce(int contentFormat) => true;

        /// <inheritdoc/>
        public override void Post(CoapMessage request, CoapResponse response) => _directory.RegisterSimply(this, request, response);

        /// <inheritdoc/>
        public override void WriteSeparate(int ticket, CoapResponse response) => _directory.WriteSimpleOutcome(ticket, response);
    }

    /// <summary>A lookup interface (§6): /rd-lookup/ep (rt=core.rd-lookup-ep) or /rd-lookup/res (rt=core.rd-lookup-res).</summary>
    public sealed class LookupResource : CoapResource
    {
        private readonly ResourceDirectoryService _directory;
        private readonly bool _endpoints;

        /// <summary>The endpoint lookup when <paramref name="endpoints"/>, else the resource lookup.</summary>
        public LookupResource(ResourceDirectoryService directory, bool endpoints)
            : base(endpoints ? "rd-lookup/ep" : "rd-lookup/res", CoapMethods.Get)
        {
            _directory = directory;
            _endpoints = endpoints;
            ResourceType = endpoints ? "core.rd-lookup-ep" : "core.rd-lookup-res";
            ContentFormat = CoapContentFormat.LinkFormat;
        }

        /// <inheritdoc/>
        public override void Get(CoapMessage request, CoapResponse response) => _directory.Lookup(_endpoints, request, response);
    }
}
