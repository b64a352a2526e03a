using System;
using System.Collections.Generic;

namespace Coap.Http
{
    /// <summary>
    /// HTTP If-Match and If-None-Match -> CoAP If-Match, If-None-Match and ETag options (RFC 7252 §10.2.2,
    /// §5.10.6.2, §5.10.8; RFC 9110 §13.1.1, §13.1.2). Entity-tags are read as <see cref="EntityTagMapping"/>
    /// writes them; a tag in another form cannot equal any tag this proxy handed out.
    /// </summary>
    public static class ConditionalRequestMapping
    {
        /// <summary>
        /// The CoAP options for the request's If-Match and If-None-Match header values (null when absent).
        /// <list type="bullet">
        /// <item>If-Match: * -> an empty If-Match; tags -> one If-Match per tag. Strong comparison (RFC 9110 §13.1.1),
        /// so weak or foreign tags never match; when none is left the precondition fails: 412 without asking.</item>
        /// <item>If-None-Match: * -> If-None-Match (any method). Tags on GET or HEAD -> ETag options, a validation
        /// (weak comparison, RFC 9110 §13.1.2, so W/ tags count); on other methods CoAP cannot express it: 501.
        /// Tags of which none is this proxy's cannot match, so the GET is sent unconditionally.</item>
        /// <item>A malformed value: 400.</item>
        /// </list>
        /// </summary>
        public static ConditionalOptions Map(string? httpMethod, string? ifMatch, string? ifNoneMatch)
        {
            var ifMatchValues = new List<byte[]>();
            if (ifMatch != null)
            {
                if (!EntityTagMapping.TryParseList(ifMatch, out bool any, out var tags))
                {
                    return ConditionalOptions.Fail(GatewayFailure.MalformedHeader, "malformed If-Match: send * or quoted entity-tags");
                }

                if (any)
                {
                    ifMatchValues.Add(Array.Empty<byte>());   // RFC 7252 §5.10.8.1: empty value = any representation
                }
                else
                {
                    foreach (var tag in tags)
                    {
                        byte[]? value = tag.Value ? null : EntityTagMapping.DecodeOpaque(tag.Key);
                        if (value != null)
                        {
                            ifMatchValues.Add(value);
                        }
                    }

                    if (ifMatchValues.Count == 0)
                    {
                        return ConditionalOptions.Fail(GatewayFailure.PreconditionFailed, "If-Match names no entity-tag a CoAP resource can have (weak or foreign tags never match strongly)");
                    }
                }
            }

            bool ifNoneMatchOption = false;
            var eTags = new List<byte[]>();
            if (ifNoneMatch != null)
            {
                if (!EntityTagMapping.TryParseList(ifNoneMatch, out bool any, out var tags))
                {
                    return ConditionalOptions.Fail(GatewayFailure.MalformedHeader, "malformed If-None-Match: send * or quoted entity-tags");
                }

                if (any)
                {
                    ifNoneMatchOption = true;                 // RFC 7252 §5.10.8.2
                }
                else if (httpMethod == "GET" || httpMethod == "HEAD")
                {
                    foreach (var tag in tags)
                    {
                        byte[]? value = EntityTagMapping.DecodeOpaque(tag.Key);
                        if (value != null && !Contains(eTags, value))
                        {
                            eTags.Add(value);
                        }
                    }
                }
                else
                {
                    return ConditionalOptions.Fail(GatewayFailure.ConditionNotMapped, "If-None-Match with entity-tags is mapped for GET and HEAD only; CoAP has no such precondition for " + httpMethod);
                }
            }

            return new ConditionalOptions(ifMatchValues, ifNoneMatchOption, eTags);
        }

        private static bool Contains(List<byte[]> list, byte[] value)
        {
            foreach (byte[] item in list)
            {
                if (item.AsSpan().SequenceEqual(value))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
