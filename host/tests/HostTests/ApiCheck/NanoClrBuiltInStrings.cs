using System;
using System.Collections.Generic;

namespace ThermoDev.HostTests.ApiCheck
{
    /// <summary>
    /// The names nanoCLR holds in its own constant string table (860 of them: member, type and namespace names of the
    /// core library such as ".ctor", "System", "ToString", "value__"). The MetadataProcessor gives such a string the
    /// index of the built-in entry instead of storing it in the assembly's string table. The list is the same in the
    /// nanoframework/metadata-processor repository (MetadataProcessor.Shared/Utility/nanoStringsConstants.cs) and in
    /// nanoframework/nf-interpreter (src/CLR/Core/StringTableData.cpp); the two were compared entry by entry.
    /// </summary>
    public static class NanoClrBuiltInStrings
    {
        public static readonly IReadOnlySet<string> All = new HashSet<string>(
            Names.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

        private const string Names =
            ".cctor .ctor Abort Abs AccessedThroughPropertyAttribute Acos Add AddDays AddHours AddMilliseconds AddMinutes " +
            "AddSeconds AddTicks AnyPendingFinalizers AppDomain AppDomainUnloadedException Append AppendHelper AppendLine " +
            "AppendTrailingZeros ApplicationException ArgumentException ArgumentNullException ArgumentOutOfRangeException " +
            "Arguments Array ArrayList ArraySize Asin Assembly AssemblyInfo AssemblyMemoryInfo AssemblyName " +
            "AssemblyNameFlags AssemblyRef AssemblyRefElements Assert AsyncCallback Atan Atan2 Attribute Attributes " +
            "AttributesElements AutoResetEvent Backlight BaseEvent BeginInvoke Bias BinarySearch Binder BindingFlags " +
            "BitConverter BitPacked Boolean Break Byte ByteCode Ceiling Change Char Check Clear Clone Close Combine " +
            "CombineArrays Compare CompareExchange CompareTo ComputeCRC Concat ConstraintException ConstructorInfo " +
            "ContactHeight ContactWidth Contains Convert Copy CopyTo CopyToCollection Cos Cosh CreateDomain CreateInstance " +
            "CreateInstanceAndUnwrap CultureInfo CultureTypes CurrentSystemTimeZone DateTime DateTimeFormat " +
            "DateTimeFormatInfo DateTimeKind Day DayOfWeek DaylightBias DaylightDate DaylightName DaylightTime DaysInMonth " +
            "Debug DebuggableAttribute Debugger DebuggingModes Decoder Decrement Delegate Dequeue Deserialize " +
            "DictionaryEntry Dispose Double DoubleToInt64Bits Duration EditorBrowsableState Empty EnableGCMessages Encoding " +
            "EndInvoke EndPoint Enqueue EnsureCapacity EnsureStringArrayResource EnsureStringResource Enter Entry " +
            "EntryForKey Enum EnumeratorType Equals EventArgs EventCategory EventData EventMessage Exception Exchange " +
            "ExecutionConstraint Exit Exp ExpandByABlock ExtendedTimer ExtendedWeakReference ExtensionAttribute " +
            "ExtractRangeFromArray ExtractValueFromArray FalseString FieldDef FieldDefElements FieldInfo FieldRef " +
            "FieldRefElements Finalize FindChunkForIndex FindResource Flags Floor Flush FlushAll Format FormatCustomized " +
            "FormatDigits FormatNative FromBase64CharArray FromBase64String FromTicks GC GenericEvent Gesture GetAssemblies " +
            "GetAssembly GetAssemblyFromHash GetAssemblyHash GetAssemblyInfo GetAssemblyMemoryInfo GetBase64EncodedLength " +
            "GetBytes GetChars GetConstructor GetCultures GetDaylightChanges GetDecoder GetDelimitedStringResource " +
            "GetDelimitedStringResources GetDomain GetDoubleNumber GetEffectiveDate GetElementType GetEnumerator " +
            "GetExecutingAssembly GetExpirationDate GetField GetFields GetFormat GetHashCode GetInterfaces GetMachineTime " +
            "GetManifestResourceNames GetMessage GetMethod GetMethods GetName GetObject GetObjectChunkFromId " +
            "GetObjectFromId GetObjectInternal GetObjectValue GetParentCultureName GetPosition GetRawCertData GetRealFormat " +
            "GetSatelliteAssembly GetString GetSystemVersion GetTimeZoneOffset GetType GetTypeFromHandle GetTypeFromHash " +
            "GetTypeHash GetTypeInternal GetTypes GetTypesImplementingInterface GetUtcOffset GetValue GetVersion " +
            "GloballySynchronizedAttribute Guid Hash Hashtable HashtableEnumerator HexToChar Hour IAsyncResult ICloneable " +
            "ICollection IComparable IComparer ICustomFormatter IDictionary IDisposable IEEERemainder IEnumerable " +
            "IEnumerator IEqualityComparer IEventListener IEventProcessor IFormatProvider IFormattable IList ILog " +
            "IOException IOExceptionErrorCode IReflect Increment IndexOf IndexOfAny IndexOutOfRangeException Initialize " +
            "InitializeArray InitializeForEventSource InitializeHashTable Insert InsertGroupSeperators InsertValueIntoArray " +
            "Install Int16 Int32 Int64 Int64BitsToDouble IntPtr Interlocked Intern InvalidCastException " +
            "InvalidOperationException Invoke InvokeMember IsDaylightSavingTime IsEmulator IsInfinity IsInstanceOfType " +
            "IsInterned IsNaN IsNegativeInfinity IsPositiveInfinity IsSubclassOf IsTransparentProxy IsTypeLoaded Join Key " +
            "KeyCollection LastIndexOf LastIndexOfAny Load LoadInternal Log Log10 MakeRoom ManualResetEvent " +
            "MarshalByRefObject Math Max MaxValue MemberInfo MemberTypes MemberwiseClone Message MetadataSize MethodBase " +
            "MethodDef MethodDefElements MethodInfo MethodRef MethodRefElements Microsoft.SPOT Microsoft.SPOT.Hardware " +
            "Microsoft.SPOT.Messaging Microsoft.SPOT.Touch Milliseconds Min MinValue Minute Monitor Month MoveNext " +
            "MulticastDelegate Native_Resources Negate NewGuid Next NextBytes NextDouble NotImplementedException " +
            "NotSupportedException NullReferenceException Number NumberFormatInfo Object ObjectDisposedException OnEvent " +
            "OutOfMemoryException Parse ParseAssemblyName ParseCertificate ParseNextChar ParseQuoteString " +
            "ParseRepeatPattern ParseTypeName Peek Piezo Pop PostProcessFloat PostProcessInteger Pow Print PriorityLevel " +
            "ProcessEvent ProcessorArchitecture PropertyInfo Push PushBackIntoRecoverList Queue Raise RamSize Random " +
            "RangeBias ReRegisterForFinalize Read ReadByte Recover RecoverOrCreate ReferenceEquals Reflection Rehash " +
            "RemotedException RemotingServices Remove RemoveAt Replace ReplaceAllInChunk ReplaceDecimalSeperator " +
            "ReplaceInPlaceAtChunk ReplaceNegativeSign Reply ReplyRaw Reset ResourceManager ResourceUtility Resources " +
            "ResourcesData ResourcesElements ResourcesFiles ResourcesFilesElements Resume RomSize Round RunClassConstructor " +
            "RuntimeArgumentHandle RuntimeConstructorInfo RuntimeFieldHandle RuntimeFieldInfo RuntimeHelpers " +
            "RuntimeMethodHandle RuntimeMethodInfo RuntimeType RuntimeTypeHandle SByte SZArrayEnumerator Scale Second Seek " +
            "SeekOrigin SendMessage SendMessageRaw SerializationFlags SerializationHintsAttribute Serialize Set SetCapacity " +
            "SetCurrentUICulture SetLength SetLocalTime SetValue Sign Signatures Sin Single Sinh Sleep Source SourceID " +
            "SpecifyKind Split Sqrt Stack StandardBias StandardDate StandardName Start StartsWith StaticFields Stream " +
            "String StringBuilder StringResources Strings Substring Subtract SuppressFinalize Suspend System " +
            "System.Collections System.Collections.ICollection.get_Count System.Collections.IList.Add " +
            "System.Collections.IList.Clear System.Collections.IList.Contains System.Collections.IList.IndexOf " +
            "System.Collections.IList.Insert System.Collections.IList.Remove System.Collections.IList.RemoveAt " +
            "System.Collections.IList.get_Item System.Collections.IList.set_Item System.ComponentModel System.Diagnostics " +
            "System.Globalization System.Globalization.Resources System.IO System.Reflection System.Resources " +
            "System.Runtime.CompilerServices System.Runtime.Remoting System.Runtime.Versioning " +
            "System.Security.Cryptography.X509Certificates System.Text System.Threading SystemException SystemID SystemInfo " +
            "SystemTime Tan Tanh Target TargetFrameworkAttribute Thread ThreadAbortException ThreadPriority ThreadStart " +
            "ThreadState Time TimeEvents TimeSpan TimeStamp TimeZone TimeZoneId TimeZoneInformation Timer TimerCallback " +
            "Timestamp ToArray ToBase64String ToBoolean ToByte ToByteArray ToChar ToCharArray ToDouble ToInt16 ToInt32 " +
            "ToInt64 ToLocalTime ToLower ToSByte ToSingle ToString ToUInt16 ToUInt32 ToUInt64 ToUniversalTime ToUpper " +
            "TouchEvent TouchGesture TouchGestureEventArgs TouchGestureEventHandler TouchInput TouchInputFlags " +
            "TouchMessages TouchScreenEventArgs TouchScreenEventHandler Touches Trace Trim TrimEnd TrimStart TrueString " +
            "Truncate TryParse TrySZIndexOf Type TypeCode TypeDef TypeDefElements TypeRef TypeRefElements TypeSpec " +
            "TypeSpecElements UInt16 UInt32 UInt64 UTF8Decoder UTF8Encoding UnknownTypeException Unload Utility " +
            "ValidateFormat Value ValueCollection ValueType Version Void WaitAll WaitAny WaitForPendingFinalizers " +
            "WaitHandle WaitMultiple WaitOne WeakDelegate WeakReference Write WriteByte X X509Certificate Y Year Zero " +
            "_Build _Major _Minor _Revision _array _arrayLength _assembly _buckets _count _endIndex _frameworkDisplayName " +
            "_frameworkName _growthFactor _head _index _items _loadFactor _maxLoadFactor _message _numberOfBuckets _random " +
            "_size _startIndex _tail abbreviatedDayNames abbreviatedMonthNames amDesignator dateSeparator dateTimeInfo " +
            "dayNames fullDateTimePattern generalLongTimePattern generalShortTimePattern get_AMDesignator " +
            "get_AbbreviatedDayNames get_AbbreviatedMonthNames get_Angle get_Assembly get_AssemblyQualifiedName " +
            "get_BaseType get_Build get_CanRead get_CanSeek get_CanTimeout get_CanWrite get_Capacity get_Chars get_Count " +
            "get_Current get_CurrentDomain get_CurrentInfo get_CurrentThread get_CurrentTimeZone get_CurrentUICulture " +
            "get_CurrentUICultureInternal get_Date get_DateSeparator get_DateTimeFormat get_Day get_DayNames get_DayOfWeek " +
            "get_DayOfYear get_DaylightName get_Days get_DeclaringType get_Delta get_End get_ErrorCode get_FieldType " +
            "get_Flags get_FrameworkDisplayName get_FrameworkName get_FriendlyName get_FullDateTimePattern get_FullName " +
            "get_GeneralLongTimePattern get_GeneralShortTimePattern get_GrowthFactor get_Hour get_Hours get_Id " +
            "get_InnerException get_IsAbstract get_IsAlive get_IsArray get_IsAttached get_IsBigEndian get_IsClass " +
            "get_IsEnum get_IsFinal get_IsFixedSize get_IsInterface get_IsLittleEndian get_IsNotPublic get_IsPublic " +
            "get_IsReadOnly get_IsSerializable get_IsStatic get_IsSynchronized get_IsValid get_IsValueType get_IsVirtual " +
            "get_Issuer get_Item get_Keys get_Kind get_LastExpiration get_Length get_LongDatePattern get_LongTimePattern " +
            "get_Major get_ManagedThreadId get_MaxCapacity get_MaxLoadFactor get_MemberType get_Message get_Method " +
            "get_Millisecond get_Milliseconds get_Minor get_Minute get_Minutes get_Model get_Month get_MonthDayPattern " +
            "get_MonthNames get_Name get_NegativeSign get_Now get_NumberDecimalSeparator get_NumberFormat " +
            "get_NumberGroupSeparator get_NumberGroupSizes get_OEM get_OEMString get_OffsetToStringData get_PMDesignator " +
            "get_ParamName get_Parent get_Payload get_PayloadRaw get_Position get_PositiveSign get_Priority " +
            "get_PropertyName get_PropertyType get_RFC1123Pattern get_ReadTimeout get_ResourceManager get_ReturnType " +
            "get_Revision get_SKU get_Second get_Seconds get_Selector get_ShortDatePattern get_ShortTimePattern " +
            "get_SortableDateTimePattern get_StackTrace get_StandardName get_Start get_Subject get_SyncRoot get_Target " +
            "get_ThreadState get_Ticks get_TimeOfDay get_TimeSeparator get_Today get_UTF8 " +
            "get_UniversalSortableDateTimePattern get_UseRFC4648Encoding get_UtcNow get_Values get_Version get_WriteTimeout " +
            "get_Year get_YearMonthPattern ht index key longDatePattern longTimePattern m_AppDomain m_ChunkChars " +
            "m_ChunkLength m_ChunkOffset m_ChunkPrevious m_Delegate m_HResult m_Id m_MaxCapacity m_Priority m_Thread " +
            "m_appDomain m_assembly m_baseAssembly m_baseName m_callback m_certificate m_cultureInfo m_cultureName m_data " +
            "m_delta m_effectiveDate m_end m_expirationDate m_flags m_friendlyName m_handle m_hash m_id m_innerException " +
            "m_issuer m_message m_name m_paramName m_parent m_password m_payload m_rand m_refs m_resourceFileId m_rm " +
            "m_rmFallback m_selector m_seq m_sessionHandle m_size m_source m_stackTrace m_start m_state m_subject m_ticks " +
            "m_ticksOffset m_timer m_type m_value manager monthDayPattern monthNames mscorlib negativeSign next numInfo " +
            "numberDecimalSeparator numberGroupSeparator numberGroupSizes op_Addition op_Equality op_GreaterThan " +
            "op_GreaterThanOrEqual op_Inequality op_LessThan op_LessThanOrEqual op_Subtraction op_UnaryNegation " +
            "op_UnaryPlus pmDesignator positiveSign propertyName returnType s_ewr s_rgbBase64Decode s_rgchBase64Encoding " +
            "s_rgchBase64EncodingDefault s_rgchBase64EncodingRFC4648 set_Capacity set_CurrentUICultureInternal " +
            "set_FrameworkDisplayName set_GrowthFactor set_Item set_Length set_MaxLoadFactor set_Position set_Priority " +
            "set_ReadTimeout set_Target set_UseRFC4648Encoding set_WriteTimeout shortDatePattern shortTimePattern temp " +
            "ticksAtOrigin timeSeparator value value__ yearMonthPattern ";
    }
}
