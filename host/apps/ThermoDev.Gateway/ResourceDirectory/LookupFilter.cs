using System;
using System.Collections.Generic;
using System.Linq;

namespace ThermoDev.Gateway.ResourceDirectory
{
    /// <summary>
    /// The search criteria of a lookup (RFC 9176 §6.2): every name=value of the query but page and count.
    /// A link matches a criterion when it has that attribute with that value, a trailing '*' matching any
    /// rest (RFC 6690 §4.1); rt, if and rel match any of their space-separated values. A resource link also
    /// matches through its endpoint's attributes (ep, d, base, et, ...), and an endpoint through any of its
    /// links. href matches a resolved link target, or the registration resource's path. All must match.
    /// </summary>
    public sealed class LookupFilter
    {
        private static readonly string[] LinkTypeAttributes = { "rt", "if", "rel" };

        private readonly List<KeyValuePair<string, string>> _criteria;

        private LookupFilter(List<KeyValuePair<string, string>> criteria, int? page, int? count)
        {
            _criteria = criteria;
            Page = page;
            Count = count;
        }

        /// <summary>The page asked for (with <see cref="Count"/>), or null.</summary>
        public int? Page { get; }

        /// <summary>Most links to return, or null for all.</summary>
        public int? Count { get; }

        /// <summary>Reads the query arguments; null (a 4.00) when page or count is not a number, or page comes without count.</summary>
        public static LookupFilter? Read(IEnumerable<KeyValuePair<string, string?>> query)
        {
            var criteria = new List<KeyValuePair<string, string>>();
            int? page = null;
            int? count = null;
            foreach (KeyValuePair<string, string?> argument in query)
            {
                if (argument.Key == "page" || argument.Key == "count")
                {
                    if (!int.TryParse(argument.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number))
                    {
                        return null;
                    }

                    if (argument.Key == "page")
                    {
                        page = number;
                    }
                    else
                    {
                        count = number;
                    }
                }
                else
                {
                    criteria.Add(new KeyValuePair<string, string>(argument.Key, argument.Value ?? string.Empty));
                }
            }

            return page != null && count == null ? null : new LookupFilter(criteria, page, count);
        }

        /// <summary>True when <paramref name="link"/> of <paramref name="registration"/> (resolved) meets every criterion.</summary>
        public bool MatchesResource(Registration registration, WebLink link) =>
            _criteria.All(c => LinkMatches(link, c.Key, c.Value) || registration.EndpointMatches(c.Key, c.Value));

        /// <summary>True when <paramref name="registration"/> meets every criterion, by its own attributes or any of its links'.</summary>
        public bool MatchesEndpoint(Registration registration, IReadOnlyList<WebLink> resolved) =>
            _criteria.All(c => registration.EndpointMatches(c.Key, c.Value) || resolved.Any(l => LinkMatches(l, c.Key, c.Value)));

        /// <summary>The page of <paramref name="items"/> asked for (all when no count).</summary>
        public IEnumerable<T> Paginate<T>(IEnumerable<T> items)
        {
            if (Count is not int count)
            {
                return items;
            }

            long skip = (long)(Page ?? 0) * count;
            return items.Skip((int)Math.Min(skip, int.MaxValue)).Take(count);
        }

        /// <summary>True when <paramref name="actual"/> matches the searched <paramref name="wanted"/> for attribute <paramref name="name"/>.</summary>
        public static bool ValueMatches(string name, string actual, string wanted)
        {
            if (LinkTypeAttributes.Contains(name))
            {
                return actual.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(v => Equal(v, wanted));
            }

            return Equal(actual, wanted);
        }

        private static bool LinkMatches(WebLink link, string name, string wanted)
        {
            if (name == "href")
            {
                return ValueMatches(name, link.Target, wanted);
            }

            return link.Attributes.Any(a => a.Key == name && ValueMatches(name, a.Value ?? string.Empty, wanted));
        }

        private static bool Equal(string actual, string wanted) =>
            wanted.EndsWith('*')
                ? actual.StartsWith(wanted.AsSpan(0, wanted.Length - 1), StringComparison.Ordinal)
                : string.Equals(actual, wanted, StringComparison.Ordinal);
    }
}
