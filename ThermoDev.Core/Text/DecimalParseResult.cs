namespace ThermoDev.Text
{
    /// <summary>What <see cref="DecimalText.Parse"/> made of a text.</summary>
    public enum DecimalParseResult
    {
        /// <summary>A number: the value is set.</summary>
        Ok = 0,

        /// <summary>Nothing, or only whitespace.</summary>
        Empty,

        /// <summary>Longer than <see cref="DecimalText.MaxParseLength"/> bytes, whitespace included; not looked at further.</summary>
        TooLong,

        /// <summary>Not a number of the accepted form (see <see cref="DecimalText.Parse"/>).</summary>
        Malformed,

        /// <summary>A well-formed number whose value in hundredths does not fit in an int.</summary>
        TooLarge,
    }
}
