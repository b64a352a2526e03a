using System;
using System.Collections.Generic;
using System.Linq;

namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>
    /// One registration at the Resource Directory (RFC 9176 §5): the endpoint name and sector, the
    /// lifetime, the base URI its links are resolved against, the links, any further endpoint attributes
    /// (et, ...), and where it lives (<see cref="Location"/>). Immutable: an update makes a new one.
    /// </summary>
    public sealed record Registration
    {
        /// <summary>The path of the registration resources; a registration's is this plus its slot.</summary>
        public const string PathPrefix = "rd";

        /// <summary>The slot in the directory's table (the last segment of its location).</summary>
        public required int Slot { get; init; }

        /// <summary>Endpoint name, ep.</summary>
        public required string Endpoint { get; init; }

        /// <summary>Sector, d; null when none was given.</summary>
        public string? Sector { get; init; }

        /// <summary>Lifetime in seconds, lt (default 90000, §5.3).</summary>
        public required uint Lifetime { get; init; }

        /// <summary>The base URI: the base parameter, or coap:// and the source address and port of the request.</summary>
        public required string Base { get; init; }

        /// <summary>True when the base came with the request (a base parameter), false when it is the request's source.</summary>
        public bool BaseGiven { get; init; }

        /// <summary>The links as registered (relative references kept).</summary>
        public required IReadOnlyList<WebLink> Links { get; init; }

        /// <summary>Further endpoint attributes (et, or any unknown one), stored for lookups (§5.3).</summary>
        public IReadOnlyList<KeyValuePair<string, string?>> Attributes { get; init; } = Array.Empty<KeyValuePair<string, string?>>();

        /// <summary>True when made by simple registration (§5.1): it has no registration resource to update.</summary>
        public bool Simple { get; init; }

        /// <summary>When the lifetime runs out, in <see cref="Environment.TickCount64"/> milliseconds.</summary>
        public long ExpiresAt { get; init; }

        /// <summary>The registration resource's path: /rd/3.</summary>
        public string Location => "/" + PathPrefix + "/" + Slot.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>
        /// The links with their targets and anchors resolved against <see cref="Base"/> (RFC 9176 §6.1:
        /// a link without an anchor gets the base as its anchor); a target that cannot be resolved is kept as given.
        /// </summary>
        public IEnumerable<WebLink> ResolvedLinks()
        {
            Uri? baseUri = Uri.TryCreate(Base, UriKind.Absolute, out Uri? parsed) ? parsed : null;
            foreach (WebLink link in Links)
            {
                string anchor = link["anchor"] is string given ? Resolve(baseUri, given) : Base;
                Uri? anchorUri = Uri.TryCreate(anchor, UriKind.Absolute, out Uri? a) ? a : baseUri;
                yield return link.Resolved(Resolve(anchorUri ?? baseUri, link.Target), anchor);
            }
        }

        /// <summary>The endpoint's link in an endpoint lookup (§6.4): &lt;/rd/3&gt;;base="...";ep="...";d="...";et=...;rt="core.rd-ep".</summary>
        public WebLink EndpointLink()
        {
            var attributes = new List<KeyValuePair<string, string?>>
            {
                new KeyValuePair<string, string?>("base", Base),
                new KeyValuePair<string, string?>("ep", Endpoint),
            };
            if (Sector != null)
            {
                attributes.Add(new KeyValuePair<string, string?>("d", Sector));
            }

            attributes.AddRange(Attributes);
            attributes.Add(new KeyValuePair<string, string?>("rt", "core.rd-ep"));
            return new WebLink(Location, attributes);
        }

        // RFC 3986 §5.2 as System.Uri does it; coap URIs resolve as any hierarchical URI.
        private static string Resolve(Uri? baseUri, string reference)
        {
            if (Uri.TryCreate(reference, UriKind.Absolute, out Uri? absolute) && !reference.StartsWith('/'))
            {
                return absolute.OriginalString;
            }

            return baseUri != null && Uri.TryCreate(baseUri, reference, out Uri? resolved) ? resolved.AbsoluteUri : reference;
        }

        /// <summary>True when the registration's endpoint attributes (ep, d, base, et, ...) match <paramref name="name"/>=<paramref name="value"/>.</summary>
        public bool EndpointMatches(string name, string value) =>
            EndpointLink().Attributes.Any(a => a.Key == name && a.Value != null && LookupFilter.ValueMatches(name, a.Value, value))
            || (name == "href" && LookupFilter.ValueMatches(name, Location, value));

        /// <summary>The registration's resolved links, in order.</summary>
        public IReadOnlyList<WebLink> ResolvedLinkList() => ResolvedLinks().ToList();
    }
}
