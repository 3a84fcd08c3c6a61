/**
 * The GeoPoint that strong-remoting builds for `type: 'GeoPoint'` arguments
 * (loopback-datatype-geopoint 1.x): same validation order and messages.
 */
import assert from 'assert';

/** A latitude/longitude pair; serializes as `{"lat":..,"lng":..}`. */
export class GeoPoint {
  lat: number;
  lng: number;

  constructor(data: unknown) {
    assert(Array.isArray(data) || typeof data === 'object' || typeof data === 'string',
      'must provide valid geo-coordinates array [lat, lng]' + ' or object or a "lat, lng" string');
    let point: any;
    if (typeof data === 'string') {
      point = splitAndValidate(data);
    } else if (Array.isArray(data)) {
      assert(data.length === 2, 'must provide valid geo-cordinates array [lat, lng]');
      point = { lat: data[0], lng: data[1] };
    } else {
      // `null` passes the first check and fails here with a TypeError, as in LB3.
      const obj = data as any;
      // eslint-disable-next-line no-prototype-builtins -- the method call itself is LB3's (same TypeError for null)
      assert(obj.hasOwnProperty('lat') && obj.hasOwnProperty('lng'),
        'must provide a lat and lng object when creating a GeoPoint');
      point = obj;
    }
    validateValues(point);
    this.lat = point.lat;
    this.lng = point.lng;
  }
}

function splitAndValidate(str: string): { lat: number; lng: number } {
  const parts = str.split(/,/);
  assert(parts.length === 2, 'must provide a "lat,lng" string when creating a GeoPoint with string');
  assert(!(parts[0] === '' || parts[1] === ''), 'lat & lng must be numbers when creating GeoPoint');
  return { lat: Number(parts[0]), lng: Number(parts[1]) };
}

function validateValues(data: any): void {
  assert(typeof data === 'object', 'must provide a lat and lng object when creating a GeoPoint');
  assert(typeof data.lat === 'number' && !isNaN(data.lat), 'lat must be a number when creating a GeoPoint');
  assert(typeof data.lng === 'number' && !isNaN(data.lng), 'lng must be a number when creating a GeoPoint');
  assert(data.lng <= 180, 'lng must be <= 180');
  assert(data.lng >= -180, 'lng must be >= -180');
  assert(data.lat <= 90, 'lat must be <= 90');
  assert(data.lat >= -90, 'lat must be >= -90');
}

export { GeoPoint as RemotingGeoPoint };
