using System;

namespace Coap.Micro.Oscore
{
    /// <summary>An OSCORE context folder that cannot be used; the message is one line naming the file and the field.</summary>
    public sealed class OscoreContextFolderException : Exception
    {
        /// <summary>An exception with the one-line <paramref name="message"/>.</summary>
        public OscoreContextFolderException(string message)
            : base(message)
        {
        }
    }
}
